import Foundation
import XCTest
@testable import Datasets

/// What input may make the readers allocate, and what they refuse to read: a gzip'd IDX stream that runs
/// past its header's declared size, and special files (FIFO, device) in place of a data file.
final class InputBoundsTests: XCTestCase {
    /// A gzip file whose first member holds a small IDX file and whose further members add `extra` zero
    /// bytes (1 MiB members: a 1 GiB stream fits in about 1 MB).
    private func overlongGzip(dimensions: [Int], extra: Int) throws -> [UInt8] {
        let count = dimensions.reduce(1, *)
        var bytes = try gzipCompress(idxBytes(dimensions, [UInt8](repeating: 3, count: count)))
        let mebibyte = try gzipCompress([UInt8](repeating: 0, count: 1 << 20))
        var left = extra
        while left >= 1 << 20 {
            bytes += mebibyte
            left -= 1 << 20
        }
        if left > 0 { bytes += try gzipCompress([UInt8](repeating: 0, count: left)) }
        return bytes
    }

    func testGzipStreamFarPastItsHeaderStopsAtTheDeclaredSize() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/long.gz"
        try writeFile(try overlongGzip(dimensions: [2, 3], extra: 1 << 30), to: path)
        var decompressedAtMost = 0
        let raw = try FileReader.readAll(path: path)
        XCTAssertLessThan(raw.count, 2 << 20)
        // The limit stops the stream after the header's 6 bytes, the 12-byte header and the slack, plus one.
        do {
            _ = try Gzip.decompress(raw, path: path) { (prefix) throws(DatasetError) -> Gzip.OutputLimit? in
                decompressedAtMost = max(decompressedAtMost, prefix.count)
                return prefix.count >= 12 ? Gzip.OutputLimit(bytes: 18 + IDXFile.trailingSlack, reason: "as declared") : nil
            }
            XCTFail("expected the stream to be refused")
        } catch {
            XCTAssertTrue(error.description.contains("more than \(18 + IDXFile.trailingSlack) bytes, as declared"), "\(error)")
        }
        XCTAssertLessThanOrEqual(decompressedAtMost, 1 << 16, "the limit is decided from the first small step")
        assertDatasetError(path: path, contains: ["IDX header declares", "2×3", "6 bytes after the 12-byte header",
                                                  "refusing to read on"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
    }

    func testGzipStreamSlightlyPastItsHeaderSaysHowMuch() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/short-tail.gz"
        try writeFile(try overlongGzip(dimensions: [4], extra: 100), to: path)
        assertDatasetError(path: path, contains: ["100 unexpected bytes after the payload"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
        // Up to the slack (and the one byte past it that tells a longer stream) still reads to the end;
        // more is refused by the limit.
        let atSlack = dir + "/at-slack.gz"
        try writeFile(try overlongGzip(dimensions: [4], extra: IDXFile.trailingSlack), to: atSlack)
        assertDatasetError(path: atSlack, contains: ["\(IDXFile.trailingSlack) unexpected bytes"]) { () throws(DatasetError) in
            try IDXFile.read(path: atSlack)
        }
        let pastSlack = dir + "/past-slack.gz"
        try writeFile(try overlongGzip(dimensions: [4], extra: IDXFile.trailingSlack + 2), to: pastSlack)
        assertDatasetError(path: pastSlack, contains: ["refusing to read on"]) { () throws(DatasetError) in
            try IDXFile.read(path: pastSlack)
        }
    }

    func testGzipHeaderErrorsComeFromTheFirstBytes() throws {
        let dir = try makeTemporaryDirectory(self)
        // A stream of 1 GiB of zeros: its first bytes are no IDX magic, said before the rest is inflated.
        let path = dir + "/zeros.gz"
        var bytes: [UInt8] = []
        let mebibyte = try gzipCompress([UInt8](repeating: 0, count: 1 << 20))
        for _ in 0..<1024 { bytes += mebibyte }
        try writeFile(bytes, to: path)
        assertDatasetError(path: path, contains: ["type code 0x00", "not supported"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
        // A valid stream still reads whole, in several steps.
        let big = dir + "/big.gz"
        let payload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ $0 >> 9) }
        try writeFile(try gzipCompress(idxBytes([3, 100_000], payload)), to: big)
        XCTAssertEqual(try IDXFile.read(path: big).bytes, payload)
    }

    func testSpecialFilesAreRefusedWithoutBlocking() throws {
        let dir = try makeTemporaryDirectory(self)
        let fifo = dir + "/train-images-idx3-ubyte"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        assertDatasetError(path: fifo, contains: ["not a regular file", "FIFO"]) { () throws(DatasetError) in
            try IDXFile.read(path: fifo)
        }
        assertDatasetError(path: fifo, contains: ["not a regular file", "FIFO"]) { () throws(DatasetError) in
            try CIFAR10.readBatch(path: fifo)
        }
        let zero = dir + "/data_batch_1.bin"
        try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
        assertDatasetError(path: zero, contains: ["not a regular file", "character device"]) { () throws(DatasetError) in
            try CIFAR10.readBatch(path: zero)
        }
        assertDatasetError(path: "/dev/null", contains: ["not a regular file", "character device"]) { () throws(DatasetError) in
            try IDXFile.read(path: "/dev/null")
        }
        // A symbolic link to a regular file is followed.
        let real = dir + "/real"
        try writeFile(idxBytes([2], [1, 2]), to: real)
        let link = dir + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        XCTAssertEqual(try IDXFile.read(path: link).bytes, [1, 2])
    }
}
