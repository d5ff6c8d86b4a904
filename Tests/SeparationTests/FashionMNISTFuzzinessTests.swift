import Foundation
import Linalg
import XCTest
@testable import Separation

/// The projected method against the naive reference on real Fashion-MNIST images (p = 784).
final class FashionMNISTFuzzinessTests: XCTestCase {
    private static let directory = "/usr/share/datasets/fashion-mnist"
    private static let imageCount = 2000

    /// The first `count` records of a gzip IDX file after its `header` bytes, decompressed by `gzip -dc`.
    private func readGzipPrefix(_ path: String, header: Int, recordSize: Int, count: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\" | head -c \(header + recordSize * count)", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let bytes = [UInt8](data)
        guard bytes.count == header + recordSize * count else {
            throw XCTSkip("could not decompress \(path) (got \(bytes.count) bytes)")
        }
        return bytes
    }

    private func bigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
    }

    func testAgreesWithNaiveReferenceOnFashionMNIST() throws {
        let images = Self.directory + "/train-images-idx3-ubyte.gz"
        let labelsPath = Self.directory + "/train-labels-idx1-ubyte.gz"
        guard FileManager.default.fileExists(atPath: images), FileManager.default.fileExists(atPath: labelsPath) else {
            throw XCTSkip("Fashion-MNIST not found under \(Self.directory)")
        }
        let n = Self.imageCount, p = 28 * 28
        let pixels = try readGzipPrefix(images, header: 16, recordSize: p, count: n)
        let labelBytes = try readGzipPrefix(labelsPath, header: 8, recordSize: 1, count: n)
        XCTAssertEqual(bigEndian(pixels, at: 0), 0x0000_0803)
        XCTAssertEqual(Array([8, 12].map { bigEndian(pixels, at: $0) }), [28, 28])
        XCTAssertEqual(bigEndian(labelBytes, at: 0), 0x0000_0801)

        let features = Matrix<Float>(rows: n, cols: p, storage: pixels[16...].map { Float($0) / 255 })
        let labels = labelBytes[8...].map { Int($0) }
        XCTAssertEqual(Set(labels).count, 10)

        let projected = try SeparationFuzziness.compute(features, labels: labels, classCount: 10)
        let reference = try NaiveFuzzinessReference(features: features.toDouble(), labels: labels, classCount: 10)
        reference.assertWellPosed()
        XCTAssertEqual(reference.betweenSpectrum.filter { $0 > reference.cutoff }.count, 9, "rank of SS_b")
        let relative = abs(projected - reference.value) / reference.value
        print("[Fashion-MNIST n=\(n) p=\(p)] projected D = \(projected), naive D = \(reference.value), relative difference = \(relative), SS_b spectrum / cutoff: kept ≥ \(reference.cutoffMargins.kept), dropped ≤ \(reference.cutoffMargins.dropped)")
        XCTAssertLessThanOrEqual(relative, 1e-8)

        // The projected method never sees the rounding-noise eigenvalues of an explicitly formed SS_b
        // (B's spurious singular value is ~ε·σ_max, so its σ² is ~ε²·σ_max²): a far smaller cutoff,
        // such as numpy's rcond = 1e-15 or less, gives the same D.
        for tolerance in [1e-15, 1e-20] {
            let loose = try SeparationFuzziness.compute(features, labels: labels, classCount: 10, relativeTolerance: tolerance)
            XCTAssertEqual(loose, projected, accuracy: 1e-12 * projected, "tolerance \(tolerance)")
        }
    }
}
