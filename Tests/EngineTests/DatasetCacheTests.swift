import Datasets
@testable import Engine
import Foundation
import Sweep
import Vocabulary
import XCTest

/// The prepared-dataset cache returns bitwise what the recipe loads, and survives damaged entries.
final class DatasetCacheTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "seplaw-cache-\(UUID().uuidString.prefix(8))"
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".bin") }
    }

    func testGaussianThroughTheCacheEqualsADirectLoad() throws {
        let recipe = DatasetRecipe(name: .gaussian, perClass: 7, testPerClass: 3, dimension: 5, classes: 4, seed: 9)
        let cache = DatasetCache(directory: directory)
        let direct = try recipe.load()
        let first = try cache.load(recipe)
        XCTAssertEqual(try entries().count, 1)
        let second = try cache.load(recipe)
        XCTAssertEqual(first.train, direct.train)
        XCTAssertEqual(first.test, direct.test)
        XCTAssertEqual(second.train, direct.train)
        XCTAssertEqual(second.test, direct.test)

        var other = recipe
        other.seed = 10
        _ = try cache.load(other)
        XCTAssertEqual(try entries().count, 2, "another seed is another entry")
    }

    func testDamagedEntriesAreRebuilt() throws {
        let recipe = DatasetRecipe(name: .gaussian, perClass: 5, testPerClass: 2, dimension: 3, classes: 3, seed: 1)
        let cache = DatasetCache(directory: directory)
        let direct = try recipe.load()
        _ = try cache.load(recipe)
        let path = directory + "/" + (try entries()[0])
        let good = try XCTUnwrap(FileManager.default.contents(atPath: path))
        for damaged in [good.prefix(good.count - 3), Data("not a cache".utf8), good + Data([1])] {
            try damaged.write(to: URL(fileURLWithPath: path))
            let loaded = try cache.load(recipe)
            XCTAssertEqual(loaded.train, direct.train)
            XCTAssertEqual(loaded.test, direct.test)
            XCTAssertEqual(FileManager.default.contents(atPath: path), good, "the entry is rewritten")
        }
    }

    func testDecodeRejectsEveryTruncation() throws {
        let recipe = DatasetRecipe(name: .gaussian, perClass: 2, testPerClass: 1, dimension: 2, classes: 2, seed: 3)
        let bytes = DatasetCacheFile.encode(try recipe.load())
        XCTAssertNotNil(DatasetCacheFile.decode(bytes))
        for length in 0..<bytes.count { XCTAssertNil(DatasetCacheFile.decode(Array(bytes.prefix(length))), "prefix \(length)") }
    }

    func testFashionMNISTThroughTheCacheIsBitwiseIdentical() throws {
        guard FileManager.default.fileExists(atPath: DatasetRecipe.defaultFashionMNISTPath) else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        let recipe = DatasetRecipe(name: .fashionMNIST, resize: 10, perClass: 10, testPerClass: 5, seed: 2)
        let cache = DatasetCache(directory: directory)
        let direct = try recipe.load()
        _ = try cache.load(recipe)
        let cached = try cache.load(recipe)
        XCTAssertEqual(cached.train, direct.train)
        XCTAssertEqual(cached.test, direct.test)
    }

    func testEnvironmentChoosesTheDirectory() {
        XCTAssertNil(DatasetCache.fromEnvironment(["SEPLAW_CACHE_DIR": "", "HOME": "/root"]))
        XCTAssertEqual(DatasetCache.fromEnvironment(["SEPLAW_CACHE_DIR": "/x"])?.directory, "/x")
        XCTAssertEqual(DatasetCache.fromEnvironment(["XDG_CACHE_HOME": "/c", "HOME": "/h"])?.directory, "/c/seplaw/datasets")
        XCTAssertEqual(DatasetCache.fromEnvironment(["HOME": "/h"])?.directory, "/h/.cache/seplaw/datasets")
    }
}
