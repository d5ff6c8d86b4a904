import Datasets
import Foundation
import Linalg
import XCTest
@testable import Sweep

/// The dataset section of a spec with CIFAR-10: `dataset.channels`, per-channel `dataset.normalize`,
/// the CIFAR defaults, job identity (existing ids unchanged), the engine's recipe and the cache.
final class DatasetSpecTests: XCTestCase {
    private func job(_ dataset: String, sourceFile: StaticString = #filePath, line: UInt = #line) throws -> JobSpec {
        let spec = parseOrFail("dataset: {\(dataset)}\nmodel: {depth: 1, width: 8}\ntrain: {epochs: 1, batch_size: 16}",
                               sourceFile: sourceFile, line: line)
        return try XCTUnwrap(spec?.jobs.first, file: sourceFile, line: line)
    }

    /// A directory with the six CIFAR-10 batches: 4 records of each class per training batch, 2 per class in the test batch.
    private func cifarDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "seplaw-cifar-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        for (batch, name) in (CIFAR10.trainFiles + [CIFAR10.testFile]).enumerated() {
            let records = name == CIFAR10.testFile ? 20 : 40
            var bytes: [UInt8] = []
            for record in 0..<records {
                bytes.append(UInt8(record % 10))
                for pixel in 0..<3072 {
                    bytes.append(UInt8(truncatingIfNeeded: pixel &* 13 &+ record &* 29 &+ batch &* 71 &+ (record % 10) &* 40))
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        return dir
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
        dynamics.model = ModelConfig(arch: "gfnn", depth: 2, width: 100, batchnorm: true, activation: "relu")
        dynamics.train = TrainConfig()
        dynamics.train.lr = 0.3
        dynamics.measure.every = 10
        dynamics.measure.testPerClass = 100
        XCTAssertEqual(dynamics.id, "c3b5bb1dd2318240")
    }

    func testCIFARDefaultsAndChannels() throws {
        let all = try job("name: cifar10, path: /data/cifar, resize: 32")
        XCTAssertEqual(all.dataset.channels, "all")
        XCTAssertEqual(all.dataset.normalizeMean, [0.4914, 0.4822, 0.4465])
        XCTAssertEqual(all.dataset.normalizeStd, [0.247, 0.243, 0.261])
        XCTAssertEqual(all.params["dataset.channels"], .string("all"))
        XCTAssertEqual(all.params["dataset.normalize"],
                       .list([.list([.double(0.4914), .double(0.4822), .double(0.4465)]),
                              .list([.double(0.247), .double(0.243), .double(0.261)])]))
        XCTAssertEqual(all.dataset.exampleShape, TensorShape(channels: 3, height: 32, width: 32))
        XCTAssertTrue(all.canonicalJSON.contains(#""normalize":[[0.4914,0.4822,0.4465],[0.247,0.243,0.261]]"#), all.canonicalJSON)

        let green = try job("name: cifar10, path: /data/cifar, channels: green")
        XCTAssertEqual(green.dataset.channels, "green")
        XCTAssertEqual(green.params["dataset.channels"], .string("green"))
        XCTAssertEqual(green.params["dataset.normalize"], .list([.double(0.4822), .double(0.243)]))
        XCTAssertEqual(green.dataset.exampleShape, TensorShape(channels: 1, height: 10, width: 10))
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

    func testEngineRecipeAndCost() throws {
        let green = try job("name: cifar10, path: /d, channels: green, resize: 10, per_class: 100")
        let recipe = green.datasetRecipe
        XCTAssertEqual(recipe.name, "cifar10")
        XCTAssertEqual(recipe.path, "/d")
        XCTAssertEqual(recipe.channels, "green")
        XCTAssertEqual(try recipe.normalization().mean, [0.4822])
        XCTAssertEqual(try recipe.normalization().std, [0.243])
        let all = try job("name: cifar10, path: /d, resize: 10, per_class: 100")
        XCTAssertEqual(all.datasetRecipe.channels, "all")
        XCTAssertEqual(try all.datasetRecipe.normalization().mean, [0.4914, 0.4822, 0.4465])
        XCTAssertEqual(try job("name: mnist, path: /m, channels: green").datasetRecipe.channels, "all")
        // Cost grows with the input size: green 10×10 is a 100-dimensional input like Fashion-MNIST at 10×10.
        let fashion = try job("name: fashion-mnist, resize: 10, per_class: 100")
        XCTAssertEqual(green.estimatedCost, fashion.estimatedCost)
        XCTAssertGreaterThan(all.estimatedCost, green.estimatedCost)
        XCTAssertGreaterThan(try job("name: cifar10, resize: 32, per_class: 100").estimatedCost, all.estimatedCost)
    }

    func testCacheKeepsShapesAndRejectsVersionOneFiles() throws {
        let images = try Dataset(features: Matrix(rows: 2, cols: 12, storage: (0..<24).map(Float.init)), labels: [1, 0],
                                 classCount: 2, shape: TensorShape(channels: 3, height: 2, width: 2))
        let flat = GaussianMixture.make(classes: 2, perClass: 2, dimension: 5, separation: 1, seed: 0)
        let bytes = DatasetCacheFile.encode((images, flat))
        let decoded = try XCTUnwrap(DatasetCacheFile.decode(bytes))
        XCTAssertEqual(decoded.train, images)
        XCTAssertEqual(decoded.train.shape, TensorShape(channels: 3, height: 2, width: 2))
        XCTAssertEqual(decoded.test.shape, .flat(5))
        // An entry written before shapes were stored is not misread.
        var old = Array("seplaw-dataset-cache-1\n".utf8)
        old += bytes[DatasetCacheFile.magic.count...]
        XCTAssertNil(DatasetCacheFile.decode(old))
        // A shape that does not match the columns is damage, not data.
        var forged = bytes
        forged[DatasetCacheFile.magic.count + 3 * 8] = 4 // channels 3 → 4
        XCTAssertNil(DatasetCacheFile.decode(forged))
    }

    func testCIFARThroughTheCacheAndAJob() throws {
        let dir = try cifarDirectory()
        let cacheDirectory = NSTemporaryDirectory() + "seplaw-cache-\(UUID().uuidString.prefix(8))"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let cache = DatasetCache(directory: cacheDirectory)
        for channels in ["all", "green"] {
            let spec = try job("name: cifar10, path: \(dir), channels: \(channels), resize: 8, per_class: 10, test_per_class: 2")
            let direct = try spec.datasetRecipe.load()
            XCTAssertEqual(direct.train.shape, TensorShape(channels: channels == "all" ? 3 : 1, height: 8, width: 8))
            XCTAssertEqual(direct.train.shape, spec.dataset.exampleShape)
            _ = try cache.load(spec.datasetRecipe)
            let cached = try cache.load(spec.datasetRecipe)
            XCTAssertEqual(cached.train, direct.train, channels)
            XCTAssertEqual(cached.test, direct.test, channels)
        }
        let green = try job("name: cifar10, path: \(dir), channels: green, per_class: 10, test_per_class: 2")
        let result = JobRunner.run(green)
        XCTAssertEqual(result.status, .ok, result.message ?? "")
        XCTAssertEqual(result.layers.first?.dim, 100, "the input layer is the 10×10 green channel")
        let missing = try job("name: cifar10, path: \(dir)/nowhere")
        let failed = JobRunner.run(missing)
        XCTAssertEqual(failed.status, .error)
        XCTAssertTrue(failed.message?.contains("\(dir)/nowhere") ?? false, failed.message ?? "")
    }
}
