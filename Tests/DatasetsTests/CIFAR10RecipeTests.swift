@testable import Datasets
import Foundation
import Linalg
import Vocabulary
import XCTest

/// `DatasetRecipe` with "cifar10": sampling, channel choice, default and explicit per-channel
/// normalisation, shapes, and the errors a user can make.
final class CIFAR10RecipeTests: XCTestCase {
    private func makeDirectory() throws -> String {
        let dir = try makeTemporaryDirectory(self)
        try writeCIFARDirectory(dir, perBatch: 20, testCount: 30)
        return dir
    }

    func testAllChannelsWithTheDefaultNormalisation() throws {
        let dir = try makeDirectory()
        let recipe = DatasetRecipe(name: .cifar10, path: dir, resize: 10, perClass: 6, testPerClass: 2, seed: 4)
        let (train, test) = try recipe.load()
        XCTAssertEqual(train.shape, TensorShape(channels: 3, height: 10, width: 10))
        XCTAssertEqual(train.dimension, 300)
        XCTAssertEqual(train.classSizes, [Int](repeating: 6, count: 10))
        XCTAssertEqual(test.shape, train.shape)
        XCTAssertEqual(test.classSizes, [Int](repeating: 2, count: 10))
        XCTAssertEqual(recipe.exampleShape, train.shape)
        // The same pipeline by hand.
        let set = try CIFAR10.trainingSet(directory: dir)
        let indices = try ClassSampler.balanced(labels: set.labels, classCount: 10, perClass: 6, seed: 4)
        let expected = try set.subset(indices).resized(to: 10).normalized(mean: CIFAR10.channelMeans, std: CIFAR10.channelStds)
        XCTAssertEqual(train, expected)
        XCTAssertEqual(try recipe.load().train, train, "deterministic")
    }

    func testGreenChannelIsTheGreenPlaneNormalisedWithTheGreenStatistics() throws {
        let dir = try makeDirectory()
        let recipe = DatasetRecipe(name: .cifar10, path: dir, resize: 10, perClass: 5, testPerClass: 3, channels: .green, seed: 1)
        let (train, test) = try recipe.load()
        XCTAssertEqual(train.shape, TensorShape(channels: 1, height: 10, width: 10))
        XCTAssertEqual(train.dimension, 100)
        XCTAssertEqual(test.dimension, 100)
        XCTAssertEqual(recipe.exampleShape, train.shape)
        let set = try CIFAR10.trainingSet(directory: dir)
        let indices = try ClassSampler.balanced(labels: set.labels, classCount: 10, perClass: 5, seed: 1)
        let green = set.subset(indices).keepingChannels([1])
        XCTAssertEqual(train, try green.resized(to: 10).normalized(mean: 0.4822, std: 0.243))
        // Resizing all channels then keeping green gives the same pixels (Pillow resizes bands alone).
        XCTAssertEqual(train, try set.subset(indices).resized(to: 10).keepingChannels([1]).normalized(mean: 0.4822, std: 0.243))
        // A per-channel list with "green" uses its green entry.
        var listed = recipe
        listed.normalizeMean = [0.1, 0.4822, 0.3]
        listed.normalizeStd = [9, 0.243, 9]
        XCTAssertEqual(try listed.load().train, train)
        var explicit = recipe
        explicit.normalizeMean = 0.5
        explicit.normalizeStd = 0.5
        XCTAssertEqual(try explicit.load().train, try green.resized(to: 10).normalized(mean: 0.5, std: 0.5))
    }

    func testNativeSizeExplicitNormalisationAndImbalance() throws {
        let dir = try makeDirectory()
        let counts = [4, 4, 4, 4, 4, 1, 1, 1, 1, 1]
        let recipe = DatasetRecipe(name: .cifar10, path: dir, classCounts: counts, normalizeMean: 0.5, normalizeStd: [0.5, 0.25, 1])
        let (train, test) = try recipe.load()
        XCTAssertEqual(train.shape, TensorShape(channels: 3, height: 32, width: 32))
        XCTAssertEqual(train.classSizes, counts)
        XCTAssertEqual(test.count, 30, "the full test set")
        XCTAssertEqual(test.labels, cifarLabels(batch: 0, count: 30).map(Int.init), "in file order")
        let raw = try CIFAR10.testSet(directory: dir)
        for (index, channelStd) in [(0, Float(0.5)), (1024, 0.25), (2048, 1)] {
            XCTAssertEqual(test.features[0, index], (Float(raw.pixels[index]) / 255 - 0.5) / channelStd)
        }
    }

    func testErrorsNameWhatIsWrong() throws {
        let dir = try makeDirectory()
        assertDatasetError(path: "cifar10", contains: ["needs a path", "data_batch_1.bin", "test_batch.bin"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .cifar10).load()
        }
        XCTAssertThrowsError(try JSONDecoder().decode(DatasetRecipe.self, from: Data(#"{"name":"cifar10","channels":"red"}"#.utf8)),
                             "a recipe names only channels seplaw knows")
        assertDatasetError(path: "cifar10", contains: ["normalizeMean", "2 values", "3"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .cifar10, path: dir, normalizeMean: [0.1, 0.2]).load()
        }
        assertDatasetError(path: "cifar10", contains: ["non-zero std"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .cifar10, path: dir, normalizeStd: [1, 0, 1]).load()
        }
        assertDatasetError(path: "mnist", contains: ["normalizeStd", "3 values", "1 value"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist, path: dir, normalizeStd: [1, 1, 1]).load()
        }
        try FileManager.default.removeItem(atPath: dir + "/data_batch_5.bin")
        assertDatasetError(path: dir + "/data_batch_5.bin", contains: ["missing"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .cifar10, path: dir).load()
        }
    }

    func testDecodingAndDefaults() throws {
        let json = #"{"name": "cifar10", "path": "/d", "channels": "green", "normalizeMean": [0.1, 0.2, 0.3], "normalizeStd": 0.5}"#
        let recipe = try JSONDecoder().decode(DatasetRecipe.self, from: Data(json.utf8))
        XCTAssertEqual(recipe, DatasetRecipe(name: .cifar10, path: "/d", channels: .green, normalizeMean: [0.1, 0.2, 0.3],
                                             normalizeStd: 0.5))
        XCTAssertEqual(try JSONDecoder().decode(DatasetRecipe.self, from: JSONEncoder().encode(recipe)), recipe)
        XCTAssertEqual(try recipe.normalization().mean, [0.2])
        XCTAssertEqual(try recipe.normalization().std, [0.5])
        let defaults = DatasetName.cifar10.defaultNormalization(channels: .all)
        XCTAssertEqual(defaults.mean, [0.4914, 0.4822, 0.4465])
        XCTAssertEqual(defaults.std, [0.247, 0.243, 0.261])
        XCTAssertEqual(DatasetName.cifar10.defaultNormalization(channels: .green).mean, 0.4822)
        XCTAssertEqual(DatasetName.cifar10.defaultNormalization(channels: .green).std, 0.243)
        XCTAssertEqual(DatasetName.mnist.defaultNormalization(channels: .green).mean, 0.5)
        XCTAssertEqual(try DatasetRecipe(name: .kmnist).normalization().mean, [0.5])
    }
}
