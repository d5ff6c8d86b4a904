@testable import Datasets
import Foundation
import Linalg
import Vocabulary
import XCTest

/// Multi-channel images: channel selection, per-channel resize and per-channel normalisation.
final class ColourImageTests: XCTestCase {
    /// Three generated CIFAR-style 3×32×32 images.
    private func colourSet() throws -> ImageSet {
        try CIFAR10.parseBatch(cifarBatch(batch: 4, labels: [2, 7, 5]), path: "generated")
    }

    func testKeepingChannelsExtractsPlanes() throws {
        let set = try colourSet()
        let green = set.keepingChannels([CIFAR10.green])
        XCTAssertEqual([green.count, green.channels, green.height, green.width], [3, 1, 32, 32])
        XCTAssertEqual(green.labels, [2, 7, 5])
        XCTAssertEqual(green.classCount, 10)
        for image in 0..<3 {
            XCTAssertEqual(Array(green.pixels[(image * 1024)..<((image + 1) * 1024)]),
                           Array(set.pixels[(image * 3072 + 1024)..<(image * 3072 + 2048)]), "image \(image)")
        }
        let swapped = set.keepingChannels([2, 0])
        XCTAssertEqual(swapped.channels, 2)
        XCTAssertEqual(Array(swapped.pixels[0..<1024]), Array(set.pixels[2048..<3072]))
        XCTAssertEqual(Array(swapped.pixels[1024..<2048]), Array(set.pixels[0..<1024]))
        XCTAssertEqual(set.keepingChannels([0, 1, 2]), set)
    }

    func testThreeChannelResizeEqualsResizingEachChannelAlone() throws {
        let set = try colourSet()
        for size in [10, 16, 7, 32, 45] {
            let together = set.resized(to: size)
            XCTAssertEqual([together.count, together.channels, together.height, together.width], [3, 3, size, size])
            for channel in 0..<3 {
                let alone = set.keepingChannels([channel]).resized(to: size)
                XCTAssertEqual(together.keepingChannels([channel]), alone, "channel \(channel) at \(size)")
            }
        }
        let oblong = set.resized(height: 9, width: 13)
        for channel in 0..<3 {
            XCTAssertEqual(oblong.keepingChannels([channel]), set.keepingChannels([channel]).resized(height: 9, width: 13))
        }
    }

    func testPerChannelNormalisationMatchesANaiveComputation() throws {
        let set = try colourSet().resized(to: 10)
        let mean = CIFAR10.channelMeans, std = CIFAR10.channelStds
        let data = try set.normalized(mean: mean, std: std)
        XCTAssertEqual(data.shape, TensorShape(channels: 3, height: 10, width: 10))
        XCTAssertEqual(data.features.rows, 3)
        XCTAssertEqual(data.features.cols, 300)
        for image in 0..<3 {
            for channel in 0..<3 {
                for pixel in 0..<100 {
                    let raw = set.pixels[image * 300 + channel * 100 + pixel]
                    let expected = (Float(raw) / 255 - Float(mean[channel])) / Float(std[channel])
                    XCTAssertEqual(data.features[image, channel * 100 + pixel], expected)
                }
            }
        }
        // One value for every channel is the same as a list of three equal values.
        XCTAssertEqual(try set.normalized(mean: 0.5, std: 0.25), try set.normalized(mean: [0.5, 0.5, 0.5], std: [0.25, 0.25, 0.25]))
    }

    func testChannelValues() throws {
        let single: ChannelValues = 0.5
        XCTAssertTrue(single.isUniform)
        XCTAssertEqual(single.values(keeping: [0, 1, 2], of: 3), [0.5, 0.5, 0.5])
        let rgb: ChannelValues = [0.1, 0.2, 0.3]
        XCTAssertEqual(rgb.values(keeping: [1], of: 3), [0.2])
        XCTAssertNil(rgb.values(keeping: [0], of: 1))
        XCTAssertNil(ChannelValues([0.1, 0.2]).values(keeping: [0, 1, 2], of: 3))
        XCTAssertEqual(ChannelValues([0.5, 0.5, 0.5]).collapsed, single)
        XCTAssertEqual(rgb.collapsed, rgb)
        // JSON: one value as a plain number (as before), several as a list.
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(single), as: UTF8.self), "0.5")
        XCTAssertEqual(try JSONDecoder().decode(ChannelValues.self, from: Data("0.25".utf8)), 0.25)
        XCTAssertEqual(try JSONDecoder().decode(ChannelValues.self, from: JSONEncoder().encode(rgb)), rgb)
        XCTAssertEqual(ChannelValues(2).description, "2.0")
    }
}
