@testable import Datasets
import Foundation
import Vocabulary
import XCTest

/// Loads the real Fashion-MNIST files; skipped when they are not installed.
final class FashionMNISTTests: XCTestCase {
    static let directory = DatasetRecipe.defaultFashionMNISTPath

    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: Self.directory + "/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST is not installed at \(Self.directory)")
        }
    }

    func testFullSetsHaveTheExpectedShape() throws {
        let start = Date()
        let train = try ImageSet.loadIDX(images: Self.directory + "/train-images-idx3-ubyte.gz",
                                         labels: Self.directory + "/train-labels-idx1-ubyte.gz", classCount: 10)
        print("loaded 60000 Fashion-MNIST training images in \(Date().timeIntervalSince(start)) s")
        XCTAssertEqual(train.count, 60000)
        XCTAssertEqual([train.channels, train.height, train.width], [1, 28, 28])
        XCTAssertEqual(train.classSizes, [Int](repeating: 6000, count: 10))
        let test = try ImageSet.loadIDX(images: Self.directory + "/t10k-images-idx3-ubyte.gz",
                                        labels: Self.directory + "/t10k-labels-idx1-ubyte.gz")
        XCTAssertEqual(test.count, 10000)
        XCTAssertEqual(test.classCount, 10)
        XCTAssertEqual(test.classSizes, [Int](repeating: 1000, count: 10))
    }

    func testPaperSample() throws {
        let recipe = DatasetRecipe(name: .fashionMNIST, resize: 10, perClass: 100, seed: 1)
        let start = Date()
        let (train, test) = try recipe.load()
        print("paper recipe loaded in \(Date().timeIntervalSince(start)) s")
        XCTAssertEqual(train.count, 1000)
        XCTAssertEqual(train.dimension, 100)
        XCTAssertEqual(train.classCount, 10)
        XCTAssertEqual(train.classSizes, [Int](repeating: 100, count: 10))
        XCTAssertEqual(test.count, 10000)
        XCTAssertEqual(test.dimension, 100)
        for data in [train, test] {
            let low = data.features.storage.min() ?? .nan, high = data.features.storage.max() ?? .nan
            XCTAssertEqual(low, -1, "black pixels map to −1")
            XCTAssertLessThanOrEqual(high, 1)
            XCTAssertGreaterThan(high, 0.9)
        }
        XCTAssertEqual(try recipe.load().train, train)
        var other = recipe
        other.seed = 2
        let different = try other.load().train
        XCTAssertNotEqual(different.labels, train.labels)
        XCTAssertNotEqual(different.features, train.features)
    }

    func testImbalancedSample() throws {
        let counts = [500, 500, 500, 500, 500, 100, 100, 100, 100, 100]
        let (train, _) = try DatasetRecipe(name: .fashionMNIST, classCounts: counts, testPerClass: 10, seed: 3).load()
        XCTAssertEqual(train.count, 3000)
        XCTAssertEqual(train.dimension, 784)
        XCTAssertEqual(train.classSizes, counts)
    }
}
