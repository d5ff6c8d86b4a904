@testable import Datasets
import Foundation
import Vocabulary
import XCTest

final class DatasetRecipeTests: XCTestCase {
    /// A directory with the four IDX files: 60 training and 20 test images of 6×6, 10 classes.
    private func makeImageDirectory() throws -> String {
        let dir = try makeTemporaryDirectory(self)
        for (split, count) in [("train", 60), ("t10k", 20)] {
            let data = smallImages(count: count, height: 6, width: 6, classes: 10)
            try writeFile(try gzipCompress(idxBytes([count, 6, 6], data.pixels)), to: "\(dir)/\(split)-images-idx3-ubyte.gz")
            // Plain labels for the test split: both forms are found.
            let labels = idxBytes([count], data.labels)
            if split == "train" {
                try writeFile(try gzipCompress(labels), to: "\(dir)/\(split)-labels-idx1-ubyte.gz")
            } else {
                try writeFile(labels, to: "\(dir)/\(split)-labels-idx1-ubyte")
            }
        }
        return dir
    }

    func testLoadsSamplesResizesAndNormalises() throws {
        let dir = try makeImageDirectory()
        let recipe = DatasetRecipe(name: .mnist, path: dir, resize: 3, perClass: 4, testPerClass: 1, seed: 8)
        let (train, test) = try recipe.load()
        XCTAssertEqual(train.count, 40)
        XCTAssertEqual(train.dimension, 9)
        XCTAssertEqual(train.classSizes, [Int](repeating: 4, count: 10))
        XCTAssertEqual(test.count, 10)
        XCTAssertEqual(test.dimension, 9)
        // Same pipeline by hand: sample, resize, normalise.
        let set = try ImageSet.loadIDX(images: dir + "/train-images-idx3-ubyte.gz", labels: dir + "/train-labels-idx1-ubyte.gz",
                                       classCount: 10)
        let indices = try ClassSampler.balanced(labels: set.labels, classCount: 10, perClass: 4, seed: 8)
        XCTAssertEqual(train, try set.subset(indices).resized(to: 3).normalized(mean: 0.5, std: 0.5))
        XCTAssertEqual(try recipe.load().train, train)
        var other = recipe
        other.seed = 9
        XCTAssertNotEqual(try other.load().train, train)
    }

    func testFullSetsAtNativeSize() throws {
        let dir = try makeImageDirectory()
        let (train, test) = try DatasetRecipe(name: .kmnist, path: dir).load()
        XCTAssertEqual(train.count, 60)
        XCTAssertEqual(train.dimension, 36)
        XCTAssertEqual(test.count, 20)
        XCTAssertEqual(test.labels, (0..<20).map { $0 % 10 }, "the full test set keeps file order")
    }

    func testClassCountsOverridePerClass() throws {
        let dir = try makeImageDirectory()
        let counts = [6, 6, 1, 1, 0, 2, 3, 4, 5, 6]
        let (train, _) = try DatasetRecipe(name: .mnist, path: dir, perClass: 2, classCounts: counts).load()
        XCTAssertEqual(train.classSizes, counts)
    }

    func testErrorsNameWhatIsWrong() throws {
        let dir = try makeImageDirectory()
        assertDatasetError(path: "mnist", contains: ["needs a path"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist).load()
        }
        XCTAssertThrowsError(try JSONDecoder().decode(DatasetRecipe.self, from: Data(#"{"name":"cifar"}"#.utf8)),
                             "a recipe names only datasets seplaw knows")
        let nowhere = dir + "/nowhere"
        assertDatasetError(path: nowhere, contains: ["does not exist"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .fashionMNIST, path: nowhere).load()
        }
        assertDatasetError(path: "mnist", contains: ["resize 0"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist, path: dir, resize: 0).load()
        }
        assertDatasetError(path: "mnist", contains: ["classCounts lists 3 classes"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist, path: dir, classCounts: [1, 2, 3]).load()
        }
        assertDatasetError(path: "mnist", contains: ["std 0"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist, path: dir, normalizeStd: 0).load()
        }
        assertDatasetError(path: dir, contains: ["class 0 has only 6 examples", "7 were requested"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist, path: dir, perClass: 7).load()
        }
        try FileManager.default.removeItem(atPath: dir + "/t10k-images-idx3-ubyte.gz")
        assertDatasetError(path: dir + "/t10k-images-idx3-ubyte.gz", contains: ["missing", dir]) { () throws(DatasetError) in
            try DatasetRecipe(name: .mnist, path: dir).load()
        }
    }

    func testGaussian() throws {
        let recipe = DatasetRecipe(name: .gaussian, perClass: 20, dimension: 5, separation: 3, classes: 4, seed: 2)
        let (train, test) = try recipe.load()
        XCTAssertEqual(train.classSizes, [20, 20, 20, 20])
        XCTAssertEqual(train.dimension, 5)
        XCTAssertEqual(test.classSizes, [100, 100, 100, 100])
        XCTAssertEqual(try recipe.load().train, train)
        XCTAssertEqual(train, GaussianMixture.make(classes: 4, perClass: 20, dimension: 5, separation: 3, seed: 2))
        let imbalanced = try DatasetRecipe(name: .gaussian, classCounts: [3, 1], seed: 2).load().train
        XCTAssertEqual(imbalanced.classSizes, [3, 1])
        XCTAssertEqual(imbalanced.dimension, 50)
        assertDatasetError(path: "gaussian", contains: ["dimension 0"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .gaussian, dimension: 0).load()
        }
        assertDatasetError(path: "gaussian", contains: ["too large"]) { () throws(DatasetError) in
            try DatasetRecipe(name: .gaussian, perClass: Int.max / 4, dimension: 1000).load()
        }
    }

    func testDecodingFillsDefaults() throws {
        let json = #"{"name": "gaussian", "perClass": 3, "seed": 5}"#
        let recipe = try JSONDecoder().decode(DatasetRecipe.self, from: Data(json.utf8))
        XCTAssertEqual(recipe, DatasetRecipe(name: .gaussian, perClass: 3, seed: 5))
        let roundTrip = try JSONDecoder().decode(DatasetRecipe.self, from: JSONEncoder().encode(recipe))
        XCTAssertEqual(roundTrip, recipe)
        XCTAssertEqual(try JSONDecoder().decode(DatasetRecipe.self, from: Data("{}".utf8)), DatasetRecipe())
    }
}
