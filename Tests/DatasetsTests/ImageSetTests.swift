import XCTest
@testable import Datasets

final class ImageSetTests: XCTestCase {
    private func writePair(_ dir: String, count: Int, labelCount: Int? = nil, labels: [UInt8]? = nil,
                           gzip: Bool = true) throws -> (images: String, labels: String) {
        let data = smallImages(count: count, height: 4, width: 3, classes: 3)
        let imagePath = dir + "/images-idx3-ubyte" + (gzip ? ".gz" : "")
        let labelPath = dir + "/labels-idx1-ubyte" + (gzip ? ".gz" : "")
        let labelBytes = labels ?? Array(data.labels.prefix(labelCount ?? count))
        let imageFile = idxBytes([count, 4, 3], data.pixels)
        let labelFile = idxBytes([labelBytes.count], labelBytes)
        try writeFile(gzip ? try gzipCompress(imageFile) : imageFile, to: imagePath)
        try writeFile(gzip ? try gzipCompress(labelFile) : labelFile, to: labelPath)
        return (imagePath, labelPath)
    }

    func testLoadsImagesAndLabels() throws {
        let dir = try makeTemporaryDirectory(self)
        for gzip in [true, false] {
            let paths = try writePair(dir, count: 7, gzip: gzip)
            let set = try ImageSet.loadIDX(images: paths.images, labels: paths.labels)
            XCTAssertEqual(set.count, 7)
            XCTAssertEqual(set.channels, 1)
            XCTAssertEqual(set.height, 4)
            XCTAssertEqual(set.width, 3)
            XCTAssertEqual(set.labels, [0, 1, 2, 0, 1, 2, 0])
            XCTAssertEqual(set.classCount, 3)
            XCTAssertEqual(set.pixels, smallImages(count: 7, height: 4, width: 3, classes: 3).pixels)
            XCTAssertEqual(try ImageSet.loadIDX(images: paths.images, labels: paths.labels, classCount: 10).classCount, 10)
        }
    }

    func testCountMismatchBetweenImagesAndLabels() throws {
        let dir = try makeTemporaryDirectory(self)
        let paths = try writePair(dir, count: 7, labelCount: 6)
        assertDatasetError(path: paths.labels, contains: ["6 labels", "7 images", paths.images]) { () throws(DatasetError) in
            try ImageSet.loadIDX(images: paths.images, labels: paths.labels)
        }
    }

    func testLabelAtOrAboveClassBound() throws {
        let dir = try makeTemporaryDirectory(self)
        let paths = try writePair(dir, count: 4, labels: [0, 9, 10, 1])
        XCTAssertEqual(try ImageSet.loadIDX(images: paths.images, labels: paths.labels).classCount, 11)
        assertDatasetError(path: paths.labels, contains: ["label 10", "item 2", "0..<10"]) { () throws(DatasetError) in
            try ImageSet.loadIDX(images: paths.images, labels: paths.labels, classCount: 10)
        }
    }

    func testLabelFileWithWrongRank() throws {
        let dir = try makeTemporaryDirectory(self)
        let paths = try writePair(dir, count: 2)
        let bad = dir + "/labels-2d"
        try writeFile(idxBytes([2, 1], [0, 1]), to: bad)
        assertDatasetError(path: bad, contains: ["expected IDX magic 0x00000801", "found 0x00000802"]) { () throws(DatasetError) in
            try ImageSet.loadIDX(images: paths.images, labels: bad)
        }
    }

    func testValidatedInitialiser() throws {
        XCTAssertNoThrow(try ImageSet(channels: 3, height: 1, width: 2, pixels: [UInt8](repeating: 1, count: 12),
                                      labels: [0, 1], classCount: 2))
        XCTAssertThrowsError(try ImageSet(channels: 3, height: 1, width: 2, pixels: [1], labels: [0], classCount: 2))
        XCTAssertThrowsError(try ImageSet(channels: 1, height: 1, width: 1, pixels: [1], labels: [2], classCount: 2))
    }

    func testSubsetKeepsOrderAndLabels() throws {
        let set = try ImageSet(channels: 2, height: 2, width: 2, pixels: (0..<24).map(UInt8.init),
                               labels: [0, 1, 2], classCount: 3)
        let picked = set.subset([2, 0, 2])
        XCTAssertEqual(picked.count, 3)
        XCTAssertEqual(picked.labels, [2, 0, 2])
        XCTAssertEqual(picked.pixels, Array(16..<24).map(UInt8.init) + Array(0..<8).map(UInt8.init) + Array(16..<24).map(UInt8.init))
        XCTAssertEqual(picked.classSizes, [1, 0, 2])
    }

    func testNormalisationMatchesTorchvisionFormula() throws {
        let set = try ImageSet(channels: 1, height: 1, width: 4, pixels: [0, 51, 128, 255], labels: [0], classCount: 1)
        let data = try set.normalized(mean: 0.5, std: 0.5)
        XCTAssertEqual(data.features.rows, 1)
        XCTAssertEqual(data.features.cols, 4)
        XCTAssertEqual(data.features.storage, [-1, (Float(51) / 255 - 0.5) / 0.5, (Float(128) / 255 - 0.5) / 0.5, 1])
        let colour = try ImageSet(channels: 2, height: 1, width: 1, pixels: [255, 255], labels: [0], classCount: 1)
        let perChannel = try colour.normalized(mean: [0, 0.5], std: [1, 0.25])
        XCTAssertEqual(perChannel.features.storage, [1, 2])
        XCTAssertThrowsError(try set.normalized(mean: 0.5, std: 0))
        XCTAssertThrowsError(try set.normalized(mean: .nan, std: 1))
        XCTAssertThrowsError(try colour.normalized(mean: [0], std: [1]))
    }
}
