import Datasets
@testable import Engine
import Foundation
import Linalg
import Sweep
import TestSupport
import XCTest

/// The engine's side of datasets: a job's recipe and cost, the dataset cache with CIFAR-10, a job on it.
final class DatasetEngineTests: XCTestCase {
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

    func testEngineRecipeAndCost() throws {
        let green = try job("name: cifar10, path: /d, channels: green, resize: 10, per_class: 100")
        let recipe = green.datasetRecipe
        XCTAssertEqual(recipe.name, .cifar10)
        XCTAssertEqual(recipe.path, "/d")
        XCTAssertEqual(recipe.channels, .green)
        XCTAssertEqual(try recipe.normalization().mean, [0.4822])
        XCTAssertEqual(try recipe.normalization().std, [0.243])
        let all = try job("name: cifar10, path: /d, resize: 10, per_class: 100")
        XCTAssertEqual(all.datasetRecipe.channels, .all)
        XCTAssertEqual(try all.datasetRecipe.normalization().mean, [0.4914, 0.4822, 0.4465])
        XCTAssertEqual(try job("name: mnist, path: /m, channels: green").datasetRecipe.channels, .all)
        // Cost grows with the input size: green 10×10 is a 100-dimensional input like Fashion-MNIST at 10×10.
        let fashion = try job("name: fashion-mnist, resize: 10, per_class: 100")
        func cost(_ job: JobSpec) throws -> Double { try JobPlan(job).estimatedFlops }
        XCTAssertEqual(try cost(green), try cost(fashion))
        XCTAssertGreaterThan(try cost(all), try cost(green))
        XCTAssertGreaterThan(try cost(try job("name: cifar10, resize: 32, per_class: 100")), try cost(all))
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
            XCTAssertEqual(direct.train.shape, spec.datasetRecipe.exampleShape)
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
