import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// The dataset section of a spec with CIFAR-10: `dataset.channels`, per-channel `dataset.normalize`,
/// the CIFAR defaults, job identity (existing ids unchanged), the engine's recipe and the cache.
final class DatasetSpecTests: XCTestCase {
    private func job(_ dataset: String, sourceFile: StaticString = #filePath, line: UInt = #line) throws -> JobSpec {
        let spec = parseOrFail("dataset: {\(dataset)}\nmodel: {depth: 1, width: 8}\ntrain: {epochs: 1, batch_size: 16}",
                               sourceFile: sourceFile, line: line)
        return try XCTUnwrap(spec?.jobs.first, file: sourceFile, line: line)
    }


    func testGreyDatasetParamsAndIdsAreUnchanged() throws {
        let plain = try job("name: fashion-mnist, resize: 10, per_class: 100, normalize: [0.5, 0.5]")
        XCTAssertEqual(plain.params["dataset.normalize"], .list([.double(0.5), .double(0.5)]))
        XCTAssertNil(plain.params["dataset.channels"])
        XCTAssertNil(plain.dataset.channels)
        // The per-channel spelling of one channel, and a channel choice for a grey dataset, are the same job.
        for same in ["normalize: [[0.5], [0.5]]", "normalize: [0.5, [0.5]]", "channels: green", "channels: all"] {
            let other = try job("name: fashion-mnist, resize: 10, per_class: 100, \(same)")
            XCTAssertEqual(other.id, plain.id, same)
            XCTAssertEqual(other.canonicalJSON, plain.canonicalJSON, same)
        }
        XCTAssertEqual(try job("name: mnist, normalize: [0.1307, 0.3081]").params["dataset.normalize"],
                       .list([.double(0.1307), .double(0.3081)]))
        // A committed reference result's id (Results/reference/figure1-dynamics).
        let reference = try job("name: fashion-mnist, resize: 10, per_class: 100, normalize: [0.5, 0.5]")
        var dynamics = reference
        dynamics.model = ModelConfig(arch: .gfnn, depth: 2, width: 100, batchnorm: true, activation: .relu)
        dynamics.train = TrainConfig()
        dynamics.train.lr = 0.3
        dynamics.measure.every = 10
        dynamics.measure.testPerClass = 100
        XCTAssertEqual(dynamics.id, "c3b5bb1dd2318240")
    }

    func testCIFARDefaultsAndChannels() throws {
        let all = try job("name: cifar10, path: /data/cifar, resize: 32")
        XCTAssertEqual(all.dataset.channels, .all)
        XCTAssertEqual(all.dataset.normalizeMean, [0.4914, 0.4822, 0.4465])
        XCTAssertEqual(all.dataset.normalizeStd, [0.247, 0.243, 0.261])
        XCTAssertEqual(all.params["dataset.channels"], .string("all"))
        XCTAssertEqual(all.params["dataset.normalize"],
                       .list([.list([.double(0.4914), .double(0.4822), .double(0.4465)]),
                              .list([.double(0.247), .double(0.243), .double(0.261)])]))
        XCTAssertTrue(all.canonicalJSON.contains(#""normalize":[[0.4914,0.4822,0.4465],[0.247,0.243,0.261]]"#), all.canonicalJSON)

        let green = try job("name: cifar10, path: /data/cifar, channels: green")
        XCTAssertEqual(green.dataset.channels, .green)
        XCTAssertEqual(green.params["dataset.channels"], .string("green"))
        XCTAssertEqual(green.params["dataset.normalize"], .list([.double(0.4822), .double(0.243)]))
        XCTAssertNotEqual(green.id, all.id)
        // Green with a per-channel list uses its green entry: the same job as the green values alone.
        XCTAssertEqual(try job("name: cifar10, channels: green, normalize: [[0.4914, 0.4822, 0.4465], [0.247, 0.243, 0.261]]").id,
                       green.id)
        XCTAssertEqual(try job("name: cifar10, channels: green, normalize: [0.4822, 0.243]").id, green.id)
        // Three equal values are one value.
        XCTAssertEqual(try job("name: cifar10, normalize: [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]").id,
                       try job("name: cifar10, normalize: [0.5, 0.5]").id)
        XCTAssertEqual(try job("name: cifar10, normalize: [0.5, 0.5]").params["dataset.normalize"],
                       .list([.double(0.5), .double(0.5)]))
        XCTAssertEqual(try job("name: cifar10, normalize: [0.5, [0.2, 0.3, 0.4]]").params["dataset.normalize"],
                       .list([.list([.double(0.5)]), .list([.double(0.2), .double(0.3), .double(0.4)])]))
        // The path is a location, not content.
        XCTAssertEqual(try job("name: cifar10, path: /elsewhere, resize: 32").id, all.id)
    }

    func testDatasetErrorsNameKeyAndExpectation() {
        assertSpecError("dataset: {name: cifar10, channels: red}", keyContains: "dataset.channels",
                        messageContains: ["one of all, green", "found \"red\""])
        assertSpecError("dataset: {name: cifar10, normalize: [[0.1, 0.2], [0.3, 0.4]]}", keyContains: "dataset.normalize[0]",
                        messageContains: ["2 values", "cifar10 needs one value (every channel) or 3"])
        assertSpecError("dataset: {name: mnist, normalize: [0.5, [0.5, 0.5, 0.5]]}", keyContains: "dataset.normalize[1]",
                        messageContains: ["3 values", "mnist images have 1 channel"])
        assertSpecError("dataset: {name: cifar10, normalize: [[0.5], [0.5, 0, 1]]}", keyContains: "dataset.normalize[1][1]",
                        messageContains: ["std > 0", "found 0"])
        assertSpecError("dataset: {name: cifar10, normalize: [[], [1]]}", keyContains: "dataset.normalize[0]",
                        messageContains: ["a mean", "found a list []"])
        assertSpecError("dataset: {name: cifar10, normalize: [[0.5, x], 1]}", keyContains: "dataset.normalize[0][1]",
                        messageContains: ["found \"x\""])
        assertSpecError("dataset: {normalize: [0.5, 0.5, 0.5]}", keyContains: "dataset.normalize",
                        messageContains: ["two numbers", "[[mean per channel], [std per channel]]"])
        assertSpecError("grid: {dataset.channels: [all, blue]}", keyContains: "dataset.channels", messageContains: ["(from grid)"])
        assertSpecError("dataset: {name: cifar100}", keyContains: "dataset.name", messageContains: ["cifar10"])
    }
}
