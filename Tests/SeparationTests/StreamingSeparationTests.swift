import Linalg
import XCTest
@testable import Separation

/// A layer held in memory, read back in blocks of rows (counting the reads).
private final class MatrixRows<Scalar: BinaryFloatingPoint & Sendable>: FeatureRowSource {
    let matrix: Matrix<Scalar>
    var reads: [Range<Int>] = []
    init(_ matrix: Matrix<Scalar>) { self.matrix = matrix }
    var count: Int { matrix.rows }
    var dimension: Int { matrix.cols }
    var needsDouble: Bool { Scalar.self == Double.self }
    func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        reads.append(rows)
        for e in 0..<(rows.count * dimension) { buffer[e] = Float(matrix.storage[rows.lowerBound * dimension + e]) }
    }
    func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Double>) throws {
        reads.append(rows)
        for e in 0..<(rows.count * dimension) { buffer[e] = Double(matrix.storage[rows.lowerBound * dimension + e]) }
    }
}

/// Streamed D, NC1 and nearest-centre accuracy against the in-memory measures and the naive formula.
final class StreamingSeparationTests: XCTestCase {
    /// Bit for bit the in-memory D, whatever the block size, over several row and column tiles (n > 64, p > 1024).
    func testStreamedFuzzinessIsBitwiseTheInMemoryValue() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [70, 50, 61], dimension: 1100, spread: 2, seed: 5)
        let single = SyntheticClasses.single(x)
        let expectedFloat = try SeparationFuzziness.compute(single, labels: labels, classCount: 4)
        let expectedDouble = try SeparationFuzziness.compute(x, labels: labels, classCount: 4)
        for block in [64, 128, 1024] {
            let floatSource = MatrixRows(single)
            let streamed = try StreamingSeparation.measure(floatSource, labels: labels, classCount: 4, blockRows: block)
            XCTAssertEqual(streamed.fuzziness.bitPattern, expectedFloat.bitPattern, "block \(block)")
            XCTAssertEqual(floatSource.reads.count, 2 * ((181 + block - 1) / block), "two passes of blocks")
            let doubleStreamed = try StreamingSeparation.measure(MatrixRows(x), labels: labels, classCount: 4, blockRows: block)
            XCTAssertEqual(doubleStreamed.fuzziness.bitPattern, expectedDouble.bitPattern, "block \(block)")
            // The related measures agree with NeuralCollapse up to rounding (they are projected by GEMM here).
            let nc1 = try NeuralCollapse.nc1(single, labels: labels, classCount: 4)
            XCTAssertEqual(try XCTUnwrap(streamed.nc1), nc1, accuracy: 1e-10 * nc1)
            XCTAssertEqual(streamed.nccAccuracy, try NeuralCollapse.nearestClassCentreAccuracy(single, labels: labels, classCount: 4))
        }
    }

    /// Against the naive p×p Float64 formula: p < n, p > n, imbalanced classes, an absent class.
    func testStreamedFuzzinessMatchesNaiveFormula() throws {
        for (sizes, p, seed) in [([40, 40, 40], 12, UInt64(1)), ([9, 30, 14, 0], 80, 2), ([100, 3], 5, 3)] {
            let (x, labels) = SyntheticClasses.make(sizes: sizes, dimension: p, spread: 1.5, seed: seed)
            let naive = try NaiveFuzzinessReference(features: x, labels: labels, classCount: sizes.count)
            naive.assertWellPosed()
            let streamed = try StreamingSeparation.measure(MatrixRows(x), labels: labels, classCount: sizes.count)
            XCTAssertEqual(streamed.fuzziness, naive.value, accuracy: 1e-10 * abs(naive.value), "sizes \(sizes), p \(p)")
        }
    }

    /// Bad input is an error, never a trap.
    func testBadInputThrows() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [5, 5], dimension: 3, seed: 9)
        XCTAssertThrowsError(try StreamingSeparation.measure(MatrixRows(x), labels: Array(labels.dropLast()), classCount: 2))
        XCTAssertThrowsError(try StreamingSeparation.measure(MatrixRows(x), labels: labels.map { $0 + 1 }, classCount: 2))
        XCTAssertThrowsError(try StreamingSeparation.measure(MatrixRows(x), labels: labels.map { _ in 0 }, classCount: 2))
        XCTAssertThrowsError(try StreamingSeparation.measure(MatrixRows(Matrix<Double>(rows: 0, cols: 3)), labels: [], classCount: 2))
    }
}
