import Linalg
import XCTest
@testable import Separation

/// The projected method against the naive p×p reference.
final class SeparationFuzzinessTests: XCTestCase {
    /// Projected D on Float32 features vs the naive reference on the same values widened to Float64.
    private func assertAgrees(_ x: Matrix<Double>, _ labels: [Int], classCount: Int, name: String,
                              tolerance: Double = 1e-8, file: StaticString = #filePath, line: UInt = #line) throws {
        let single = SyntheticClasses.single(x)
        let projected = try SeparationFuzziness.compute(single, labels: labels, classCount: classCount)
        let reference = try NaiveFuzzinessReference(features: single.toDouble(), labels: labels, classCount: classCount)
        reference.assertWellPosed(file: file, line: line)
        let relative = abs(projected - reference.value) / abs(reference.value)
        print("[\(name)] projected D = \(projected), naive D = \(reference.value), relative difference = \(relative), SS_b spectrum / cutoff: kept ≥ \(reference.cutoffMargins.kept), dropped ≤ \(reference.cutoffMargins.dropped)")
        XCTAssertGreaterThan(reference.value, 0, file: file, line: line)
        XCTAssertLessThanOrEqual(relative, tolerance, "\(name): \(projected) vs \(reference.value)", file: file, line: line)
    }

    func testAgreesWithNaiveReferenceWhenDimensionBelowCount() throws {
        let (x, labels) = SyntheticClasses.make(sizes: Array(repeating: 40, count: 5), dimension: 20, seed: 1)
        try assertAgrees(x, labels, classCount: 5, name: "p < n")
    }

    func testAgreesWithNaiveReferenceWhenDimensionAboveCount() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [8, 8, 7, 7], dimension: 80, seed: 2)
        try assertAgrees(x, labels, classCount: 4, name: "p > n")
    }

    /// More classes than dimensions: SS_b is full rank, nothing is cut.
    func testAgreesWithNaiveReferenceWhenClassesOutnumberDimensions() throws {
        let (x, labels) = SyntheticClasses.make(sizes: Array(repeating: 12, count: 10), dimension: 4, seed: 3)
        try assertAgrees(x, labels, classCount: 10, name: "K > p")
    }

    /// Imbalanced classes exercise the n_k/n weighting.
    func testAgreesWithNaiveReferenceForImbalancedClasses() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [100, 20, 5, 60, 2], dimension: 15, spread: 0.7, seed: 4)
        try assertAgrees(x, labels, classCount: 5, name: "imbalanced")
    }

    /// Two classes with bitwise identical points (hence identical means): SS_b loses a rank.
    func testAgreesWithNaiveReferenceWhenTwoClassMeansCoincide() throws {
        let (base, baseLabels) = SyntheticClasses.make(sizes: [30, 30, 30], dimension: 25, seed: 5)
        // Class 3 is a copy of class 0, point for point.
        let copies = baseLabels.indices.filter { baseLabels[$0] == 0 }
        var storage = base.storage
        for i in copies { storage += base.row(i) }
        let x = Matrix<Double>(rows: base.rows + copies.count, cols: base.cols, storage: storage)
        let labels = baseLabels + Array(repeating: 3, count: copies.count)
        let reference = try NaiveFuzzinessReference(features: SyntheticClasses.single(x).toDouble(),
                                                    labels: labels, classCount: 4)
        XCTAssertEqual(reference.betweenSpectrum.filter { $0 > reference.cutoff }.count, 2, "rank of SS_b")
        try assertAgrees(x, labels, classCount: 4, name: "identical means")
    }

    /// Six class means confined to a 2-D subspace of a 30-D space (features exact in Float32).
    func testAgreesWithNaiveReferenceWhenClassMeansSpanTwoDimensions() throws {
        let p = 30, perClass = 16
        var rng = SeededGenerator(seed: 6)
        let u = (0..<p).map { _ in Double(rng.index(below: 9)) - 4 }
        let v = (0..<p).map { _ in Double(rng.index(below: 9)) - 4 }
        let coefficients: [(Double, Double)] = [(1, 0), (0, 1), (2, -1), (-1, 3), (3, 2), (-2, -2)]
        var storage: [Double] = []
        var labels: [Int] = []
        for (k, (a, b)) in coefficients.enumerated() {
            let mean = (0..<p).map { a * u[$0] + b * v[$0] }
            for _ in 0..<(perClass / 2) {
                // Symmetric pairs of small integer offsets: the class mean is exactly `mean`.
                let offset = (0..<p).map { _ in Double(rng.index(below: 7)) - 3 }
                storage += zip(mean, offset).map { $0 + $1 }
                storage += zip(mean, offset).map { $0 - $1 }
                labels += [k, k]
            }
        }
        let x = Matrix<Double>(rows: labels.count, cols: p, storage: storage)
        let reference = try NaiveFuzzinessReference(features: x, labels: labels, classCount: 6)
        XCTAssertEqual(reference.betweenSpectrum.filter { $0 > reference.cutoff }.count, 2, "rank of SS_b")
        try assertAgrees(x, labels, classCount: 6, name: "means in 2-D subspace")
    }

    /// Tiled projection gives the same answer whatever the tile shape, and Float64 input matches Float32 input widened.
    func testBlockingAndInputPrecisionDoNotChangeTheResult() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [21, 17, 13], dimension: 11, seed: 7)
        let single = SyntheticClasses.single(x)
        let oneBlock = try SeparationFuzziness.compute(single, labels: labels, classCount: 3)
        for (rows, columns) in [(1, 1), (7, 3), (50, 11), (2, 100)] {
            let tiled = try single.storage.withUnsafeBufferPointer { buffer in
                try SeparationFuzziness.fuzziness(buffer, count: single.rows, dimension: single.cols, labels: labels,
                                                  classCount: 3, relativeTolerance: nil,
                                                  blocking: .init(rows: rows, columns: columns))
            }
            XCTAssertEqual(tiled, oneBlock, accuracy: 1e-13 * oneBlock, "tiles of \(rows) × \(columns)")
        }
        let widened = try SeparationFuzziness.compute(single.toDouble(), labels: labels, classCount: 3)
        XCTAssertEqual(widened, oneBlock, accuracy: 1e-13 * oneBlock)
        let pointer = try single.storage.withUnsafeBufferPointer { buffer in
            try SeparationFuzziness.compute(features: buffer, count: single.rows, dimension: single.cols,
                                            labels: labels, classCount: 3)
        }
        XCTAssertEqual(pointer, oneBlock)
    }

    /// Classes without points are dropped: declaring extra empty classes changes nothing.
    func testAbsentClassesAreDropped() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [20, 20, 20], dimension: 8, seed: 8)
        let declared = try SeparationFuzziness.compute(x, labels: labels, classCount: 3)
        let shifted = labels.map { $0 == 2 ? 6 : $0 }
        let withGaps = try SeparationFuzziness.compute(x, labels: shifted, classCount: 9)
        XCTAssertEqual(withGaps, declared, accuracy: 1e-13 * declared)
    }

    /// A larger tolerance drops directions, and matches the reference with the same tolerance.
    func testExplicitToleranceMatchesReference() throws {
        let means: [[Double]] = [[10, 0, 0, 0, 0, 0], [0, 10, 0, 0, 0, 0], [0, 0, 0.01, 0, 0, 0], [0, 0, 0, 0, 0, 0]]
        let (x, labels) = SyntheticClasses.make(sizes: [30, 30, 30, 30], dimension: 6, spread: 0.5, means: means, seed: 9)
        let tolerance = 1e-2
        let projected = try SeparationFuzziness.compute(x, labels: labels, classCount: 4, relativeTolerance: tolerance)
        let reference = try NaiveFuzzinessReference(features: x, labels: labels, classCount: 4, relativeTolerance: tolerance)
        reference.assertWellPosed()
        XCTAssertEqual(reference.betweenSpectrum.filter { $0 > reference.cutoff }.count, 2)
        XCTAssertEqual(projected, reference.value, accuracy: 1e-8 * reference.value)
        let full = try SeparationFuzziness.compute(x, labels: labels, classCount: 4)
        XCTAssertGreaterThan(full, projected * 10, "keeping the weak direction must raise D a lot")
    }
}
