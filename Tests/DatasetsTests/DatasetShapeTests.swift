@testable import Datasets
import Linalg
import Vocabulary
import XCTest

/// Every dataset carries the shape of one example, and keeps it through subsetting.
final class DatasetShapeTests: XCTestCase {
    func testInitialiserChecksTheShape() throws {
        let features = Matrix<Float>(rows: 2, cols: 12, storage: (0..<24).map(Float.init))
        XCTAssertEqual(try Dataset(features: features, labels: [0, 1], classCount: 2).shape, .flat(12))
        let image = try Dataset(features: features, labels: [0, 1], classCount: 2,
                                shape: TensorShape(channels: 3, height: 2, width: 2))
        XCTAssertEqual(image.shape, TensorShape(channels: 3, height: 2, width: 2))
        let picked = image.subset([1, 1, 0])
        XCTAssertEqual(picked.shape, image.shape)
        XCTAssertEqual(picked.features.storage, Array(12..<24).map(Float.init) + Array(12..<24).map(Float.init) + Array(0..<12).map(Float.init))
        for bad in [TensorShape(channels: 1, height: 3, width: 3), TensorShape(channels: -3, height: -2, width: 2),
                    TensorShape(channels: Int.max, height: Int.max, width: 12), TensorShape(channels: 12, height: 0, width: 1)] {
            assertDatasetError(path: "", contains: ["does not describe the 12 features"]) { () throws(DatasetError) in
                try Dataset(features: features, labels: [0, 1], classCount: 2, shape: bad)
            }
        }
        XCTAssertNotEqual(image, try Dataset(features: features, labels: [0, 1], classCount: 2), "the shape is part of equality")
    }

    func testGaussianIsFlatAndImagesAreChannelsByHeightByWidth() throws {
        let gaussian = try DatasetRecipe(name: .gaussian, perClass: 3, testPerClass: 2, dimension: 7, classes: 2).load()
        XCTAssertEqual(gaussian.train.shape, .flat(7))
        XCTAssertEqual(gaussian.test.shape, .flat(7))
        XCTAssertEqual(DatasetRecipe(name: .gaussian, dimension: 7).exampleShape, .flat(7))
        XCTAssertEqual(GaussianMixture.make(classes: 2, perClass: 1, dimension: 4, separation: 1, seed: 0).subset([1]).shape, .flat(4))

        let grey = try ImageSet(channels: 1, height: 4, width: 3, pixels: [UInt8](repeating: 9, count: 24), labels: [0, 1],
                                classCount: 2)
        XCTAssertEqual(try grey.normalized(mean: 0.5, std: 0.5).shape, TensorShape(channels: 1, height: 4, width: 3))
        XCTAssertEqual(try grey.resized(to: 2).normalized(mean: 0.5, std: 0.5).shape, TensorShape(channels: 1, height: 2, width: 2))
        XCTAssertEqual(DatasetRecipe(name: .fashionMNIST).exampleShape, TensorShape(channels: 1, height: 28, width: 28))
        XCTAssertEqual(DatasetRecipe(name: .cifar10, resize: 10, channels: .green).exampleShape,
                       TensorShape(channels: 1, height: 10, width: 10))
    }

    /// MNIST and KMNIST read from a user directory are 1 × S × S.
    func testIDXDatasetsFromAUserPathAreOneChannelImages() throws {
        let dir = try makeTemporaryDirectory(self)
        for (split, count) in [("train", 30), ("t10k", 10)] {
            let data = smallImages(count: count, height: 5, width: 5, classes: 10)
            try writeFile(idxBytes([count, 5, 5], data.pixels), to: "\(dir)/\(split)-images-idx3-ubyte")
            try writeFile(try gzipCompress(idxBytes([count], data.labels)), to: "\(dir)/\(split)-labels-idx1-ubyte.gz")
        }
        for name in [DatasetName.mnist, .kmnist, .fashionMNIST] {
            let recipe = DatasetRecipe(name: name, path: dir, resize: 3, perClass: 2, channels: .green)
            let (train, test) = try recipe.load()
            XCTAssertEqual(train.shape, TensorShape(channels: 1, height: 3, width: 3), name.rawValue)
            XCTAssertEqual(test.shape, train.shape, name.rawValue)
            XCTAssertEqual(train.classSizes, [Int](repeating: 2, count: 10), name.rawValue)
            XCTAssertEqual(test.count, 10, name.rawValue)
            XCTAssertEqual(recipe.exampleShape, train.shape, name.rawValue)
            let native = try DatasetRecipe(name: name, path: dir).load()
            XCTAssertEqual(native.train.shape, TensorShape(channels: 1, height: 5, width: 5), name.rawValue)
        }
    }
}
