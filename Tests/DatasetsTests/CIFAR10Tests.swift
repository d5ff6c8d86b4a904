import Foundation
import XCTest
@testable import Datasets

/// The CIFAR-10 binary reader on generated batches: values, labels, order, channel layout, and an
/// error naming the file (and the record) for every malformed input.
final class CIFAR10Tests: XCTestCase {
    func testParsesRecordsInOrderWithChannelMajorPixels() throws {
        let labels: [UInt8] = [3, 0, 9, 3]
        let set = try CIFAR10.parseBatch(cifarBatch(batch: 2, labels: labels), path: "batch.bin")
        XCTAssertEqual(set.count, 4)
        XCTAssertEqual([set.channels, set.height, set.width], [3, 32, 32])
        XCTAssertEqual(set.classCount, 10)
        XCTAssertEqual(set.labels, [3, 0, 9, 3])
        XCTAssertEqual(set.pixels.count, 4 * 3072)
        for record in 0..<4 {
            for channel in 0..<3 {
                for (row, column) in [(0, 0), (0, 31), (5, 17), (31, 0), (31, 31)] {
                    // Image-major, then channel (1024 red, 1024 green, 1024 blue), then row-major.
                    let index = record * 3072 + channel * 1024 + row * 32 + column
                    XCTAssertEqual(set.pixels[index], cifarPixel(batch: 2, record: record, channel: channel, row: row, column: column),
                                   "record \(record) channel \(channel) (\(row), \(column))")
                }
            }
        }
    }

    func testHandWrittenRecordPlanes() throws {
        // One record whose red plane is all 10, green all 20, blue all 30, except the last blue pixel.
        var record: [UInt8] = [7] + [UInt8](repeating: 10, count: 1024) + [UInt8](repeating: 20, count: 1024)
            + [UInt8](repeating: 30, count: 1024)
        record[3072] = 255
        let set = try CIFAR10.parseBatch(record, path: "one.bin")
        XCTAssertEqual(set.labels, [7])
        XCTAssertEqual(set.keepingChannels([0]).pixels, [UInt8](repeating: 10, count: 1024))
        XCTAssertEqual(set.keepingChannels([1]).pixels, [UInt8](repeating: 20, count: 1024))
        XCTAssertEqual(set.keepingChannels([2]).pixels.last, 255)
        XCTAssertEqual(set.keepingChannels([2]).pixels.first, 30)
    }

    func testDirectoryConcatenatesTheFiveBatchesInOrder() throws {
        let dir = try makeTemporaryDirectory(self)
        try writeCIFARDirectory(dir, perBatch: 12, testCount: 7)
        let train = try CIFAR10.trainingSet(directory: dir)
        XCTAssertEqual(train.count, 60)
        XCTAssertEqual(train.labels, (1...5).flatMap { cifarLabels(batch: $0, count: 12).map(Int.init) })
        for batch in 1...5 {
            let first = (batch - 1) * 12 // first record of this batch in the training set
            XCTAssertEqual(train.pixels[first * 3072 + 1024 + 33], cifarPixel(batch: batch, record: 0, channel: 1, row: 1, column: 1))
        }
        let test = try CIFAR10.testSet(directory: dir)
        XCTAssertEqual(test.count, 7)
        XCTAssertEqual(test.labels, cifarLabels(batch: 0, count: 7).map(Int.init))
        XCTAssertEqual(test, try CIFAR10.readBatch(path: dir + "/test_batch.bin"))
    }

    func testMissingFileNamesItAndWhatTheDirectoryNeeds() throws {
        let dir = try makeTemporaryDirectory(self)
        try writeCIFARDirectory(dir, perBatch: 2, testCount: 2)
        try FileManager.default.removeItem(atPath: dir + "/data_batch_3.bin")
        assertDatasetError(path: dir + "/data_batch_3.bin",
                           contains: ["missing", "data_batch_1.bin … data_batch_5.bin", "test_batch.bin", dir]) { () throws(DatasetError) in
            try CIFAR10.trainingSet(directory: dir)
        }
        XCTAssertNoThrow(try CIFAR10.testSet(directory: dir), "the test batch is still there")
        try FileManager.default.removeItem(atPath: dir + "/test_batch.bin")
        assertDatasetError(path: dir + "/test_batch.bin", contains: ["missing", "test_batch.bin"]) { () throws(DatasetError) in
            try CIFAR10.testSet(directory: dir)
        }
    }

    func testMissingFileHints() throws {
        let python = try makeTemporaryDirectory(self)
        try writeFile([0x80, 0x02], to: python + "/data_batch_1")
        assertDatasetError(path: python + "/data_batch_1.bin", contains: ["Python version", "cifar-10-binary.tar.gz"]) { () throws(DatasetError) in
            try CIFAR10.trainingSet(directory: python)
        }
        let parent = try makeTemporaryDirectory(self)
        try FileManager.default.createDirectory(atPath: parent + "/cifar-10-batches-bin", withIntermediateDirectories: false)
        assertDatasetError(path: parent + "/test_batch.bin", contains: [parent + "/cifar-10-batches-bin"]) { () throws(DatasetError) in
            try CIFAR10.testSet(directory: parent)
        }
    }

    func testTruncatedFileNamesTheIncompleteRecord() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/data_batch_1.bin"
        let bytes = cifarBatch(batch: 1, labels: [1, 2, 3])
        try writeFile(Array(bytes.dropLast(100)), to: path)
        assertDatasetError(path: path, contains: ["not a multiple of the 3073-byte record", "record 2", "2973 of 3073 bytes"]) { () throws(DatasetError) in
            try CIFAR10.readBatch(path: path)
        }
        try writeFile(bytes + [4], to: path)
        assertDatasetError(path: path, contains: ["record 3", "1 of 3073 bytes"]) { () throws(DatasetError) in
            try CIFAR10.readBatch(path: path)
        }
        try writeFile(Array(bytes.prefix(1)), to: path)
        assertDatasetError(path: path, contains: ["record 0", "1 of 3073"]) { () throws(DatasetError) in
            try CIFAR10.readBatch(path: path)
        }
        try writeFile([], to: path)
        assertDatasetError(path: path, contains: ["is empty"]) { () throws(DatasetError) in try CIFAR10.readBatch(path: path) }
    }

    func testLabelAboveNineNamesTheRecord() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/test_batch.bin"
        var bytes = cifarBatch(batch: 0, labels: [1, 2, 3, 4])
        bytes[2 * 3073] = 10
        try writeFile(bytes, to: path)
        assertDatasetError(path: path, contains: ["record 2", "byte offset 6146", "label 10", "0…9"]) { () throws(DatasetError) in
            try CIFAR10.readBatch(path: path)
        }
        bytes[2 * 3073] = 9
        try writeFile(bytes, to: path)
        XCTAssertEqual(try CIFAR10.readBatch(path: path).labels, [1, 2, 9, 4])
    }

    func testGzipAndDirectoryAndUnreadableInputsAreErrors() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/data_batch_1.bin"
        try writeFile(try gzipCompress(cifarBatch(batch: 1, labels: [0])), to: path)
        assertDatasetError(path: path, contains: ["gzip-compressed"]) { () throws(DatasetError) in try CIFAR10.readBatch(path: path) }
        let folder = dir + "/test_batch.bin"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        assertDatasetError(path: folder, contains: ["directory"]) { () throws(DatasetError) in try CIFAR10.readBatch(path: folder) }
    }
}
