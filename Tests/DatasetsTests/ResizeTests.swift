import Foundation
import XCTest
@testable import Datasets

final class ResizeTests: XCTestCase {
    private func grey(_ pixels: [UInt8], height: Int, width: Int) throws -> ImageSet {
        try ImageSet(channels: 1, height: height, width: width, pixels: pixels, labels: [0], classCount: 1)
    }

    func testConstantImageStaysConstant() throws {
        for value: UInt8 in [0, 1, 77, 128, 254, 255] {
            let set = try grey([UInt8](repeating: value, count: 28 * 28), height: 28, width: 28)
            for size in [1, 5, 10, 14, 27, 32, 57] {
                XCTAssertEqual(set.resized(to: size).pixels, [UInt8](repeating: value, count: size * size), "value \(value) size \(size)")
            }
        }
    }

    func testSameSizeIsIdentity() throws {
        let set = try grey(PILReference.pattern, height: 28, width: 28)
        XCTAssertEqual(set.resized(to: 28), set)
        XCTAssertEqual(set.resized(height: 28, width: 28).pixels, PILReference.pattern)
        // A size of 1×1 is a plain weighted mean; 0 is rejected by returning the set unchanged.
        XCTAssertEqual(set.resized(to: 0), set)
    }

    /// Horizontal ramp 8·x: every output column i in 1…12 averages columns 2i−1…2i+2 with weights
    /// 1/8, 3/8, 3/8, 1/8, giving 16i + 4 exactly; the edge columns use the three taps inside the
    /// image with weights 3/7, 3/7, 1/7: (0·3 + 8·3 + 16·1)/7 = 5.71 → 6 and (200 + 208·3 + 216·3)/7
    /// = 210.29 → 210. Rows are constant, so the vertical pass changes nothing.
    func testRampHalvesByHand() throws {
        let ramp = (0..<28).flatMap { _ in (0..<28).map { UInt8(8 * $0) } }
        let out = try grey(ramp, height: 28, width: 28).resized(to: 14)
        let expectedRow: [UInt8] = [6] + (1...12).map { UInt8(16 * $0 + 4) } + [210]
        XCTAssertEqual(out.pixels, Array((0..<14).map { _ in expectedRow }.joined()))
    }

    /// One bright pixel at (row 9, column 5). Horizontally column 5 feeds output 2 with weight 3/8
    /// and output 3 with weight 1/8: 255·3/8 = 95.6 → 96 and 255/8 = 31.9 → 32. Vertically row 9
    /// feeds output 4 with 3/8 and output 5 with 1/8: 96·3/8 = 36, 32·3/8 = 12, 96/8 = 12, 32/8 = 4.
    func testImpulseHalvesByHand() throws {
        var image = [UInt8](repeating: 0, count: 28 * 28)
        image[9 * 28 + 5] = 255
        let out = try grey(image, height: 28, width: 28).resized(to: 14)
        var expected = [UInt8](repeating: 0, count: 14 * 14)
        expected[4 * 14 + 2] = 36
        expected[4 * 14 + 3] = 12
        expected[5 * 14 + 2] = 12
        expected[5 * 14 + 3] = 4
        XCTAssertEqual(out.pixels, expected)
    }

    /// Ties round half up, as Pillow's fixed point does: a column of 4s gives 4·3/8 = 1.5 → 2 and
    /// 4/8 = 0.5 → 1 (round-half-to-even would give 2 and 0).
    func testTiesRoundHalfUp() throws {
        let image = (0..<28).flatMap { _ in (0..<28).map { $0 == 5 ? UInt8(4) : 0 } }
        let out = try grey(image, height: 28, width: 28).resized(to: 14)
        let row: [UInt8] = [0, 0, 2, 1] + [UInt8](repeating: 0, count: 10)
        XCTAssertEqual(out.pixels, Array((0..<14).map { _ in row }.joined()))
    }

    func testMatchesPillowOnPattern() throws {
        let set = try grey(PILReference.pattern, height: 28, width: 28)
        XCTAssertEqual(set.resized(to: 10).pixels, PILReference.pattern10)
        XCTAssertEqual(set.resized(to: 14).pixels, PILReference.pattern14)
        XCTAssertEqual(set.resized(to: 7).pixels, PILReference.pattern7)
        XCTAssertEqual(Array(set.resized(to: 32).pixels.prefix(128)), PILReference.pattern32FirstFourRows)
        XCTAssertEqual(set.resized(height: 13, width: 9).pixels, PILReference.pattern9x13)
    }

    func testChannelsAreResizedIndependently() throws {
        let flipped = PILReference.pattern.map { 255 - $0 }
        let set = try ImageSet(channels: 2, height: 28, width: 28, pixels: PILReference.pattern + flipped,
                               labels: [3], classCount: 4)
        let out = set.resized(to: 10)
        XCTAssertEqual([out.count, out.channels, out.height, out.width], [1, 2, 10, 10])
        XCTAssertEqual(out.labels, [3])
        XCTAssertEqual(Array(out.pixels[0..<100]), PILReference.pattern10)
        let reference = try grey(flipped, height: 28, width: 28).resized(to: 10).pixels
        XCTAssertEqual(Array(out.pixels[100..<200]), reference)
    }

    func testMatchesPillowOnFashionMNIST() throws {
        let path = FashionMNISTTests.directory + "/train-images-idx3-ubyte.gz"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("no Fashion-MNIST at \(path)") }
        let file = try IDXFile.read(path: path)
        let three = try ImageSet(channels: 1, height: 28, width: 28, pixels: Array(file.bytes[0..<(3 * 784)]),
                                 labels: [0, 0, 0], classCount: 1)
        let out = three.resized(to: 10).pixels
        XCTAssertEqual(Array(out[0..<100]), PILReference.fashionTrain0)
        XCTAssertEqual(Array(out[100..<200]), PILReference.fashionTrain1)
        XCTAssertEqual(Array(out[200..<300]), PILReference.fashionTrain2)
    }

    /// Optional whole-set comparison: set SEPLAW_PIL_REFERENCE_DIR to a directory holding
    /// `train-S.bin` / `t10k-S.bin` (every Fashion-MNIST image resized to S×S by Pillow, concatenated)
    /// for S in 10, 14, 32.
    func testMatchesPillowOnWholeFashionMNIST() throws {
        guard let dir = ProcessInfo.processInfo.environment["SEPLAW_PIL_REFERENCE_DIR"] else {
            throw XCTSkip("SEPLAW_PIL_REFERENCE_DIR not set")
        }
        for split in ["train", "t10k"] {
            let set = try ImageSet.loadIDX(images: FashionMNISTTests.directory + "/\(split)-images-idx3-ubyte.gz",
                                           labels: FashionMNISTTests.directory + "/\(split)-labels-idx1-ubyte.gz")
            for size in [10, 14, 32] {
                let reference = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(split)-\(size).bin")))
                let ours = set.resized(to: size).pixels
                XCTAssertEqual(ours.count, reference.count)
                var maxDiff = 0, differing = 0
                for (a, b) in zip(ours, reference) where a != b {
                    differing += 1
                    maxDiff = max(maxDiff, abs(Int(a) - Int(b)))
                }
                print("PIL comparison \(split) \(size)×\(size): \(ours.count) pixels, \(differing) differ, max |diff| \(maxDiff)")
                XCTAssertEqual(maxDiff, 0)
            }
        }
    }
}
