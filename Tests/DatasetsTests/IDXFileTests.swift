import XCTest
@testable import Datasets

final class IDXFileTests: XCTestCase {
    func testReadsPlainAndGzipFiles() throws {
        let dir = try makeTemporaryDirectory(self)
        let payload: [UInt8] = (0..<(3 * 4 * 5)).map { UInt8($0 * 3) }
        let bytes = idxBytes([3, 4, 5], payload)
        XCTAssertEqual(Array(bytes[0..<4]), [0, 0, 0x08, 3])
        try writeFile(bytes, to: dir + "/plain-idx3-ubyte")
        try writeFile(try gzipCompress(bytes), to: dir + "/packed-idx3-ubyte.gz")
        try writeFile(try gzipCompress(bytes), to: dir + "/packed-without-suffix")
        try writeFile(bytes, to: dir + "/plain-named.gz")
        for name in ["plain-idx3-ubyte", "packed-idx3-ubyte.gz", "packed-without-suffix", "plain-named.gz"] {
            let file = try IDXFile.read(path: dir + "/" + name)
            XCTAssertEqual(file.dimensions, [3, 4, 5], name)
            XCTAssertEqual(file.bytes, payload, name)
        }
    }

    func testReadsConcatenatedGzipMembers() throws {
        let dir = try makeTemporaryDirectory(self)
        let bytes = idxBytes([2, 3], [1, 2, 3, 4, 5, 6])
        let path = dir + "/two-members.gz"
        try writeFile(try gzipCompress(Array(bytes[0..<7])) + gzipCompress(Array(bytes[7...])), to: path)
        XCTAssertEqual(try IDXFile.read(path: path).bytes, [1, 2, 3, 4, 5, 6])
    }

    func testWrongMagic() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/wrong-magic"
        try writeFile([0x12, 0x34, 0x08, 0x01, 0, 0, 0, 1, 9], to: path)
        assertDatasetError(path: path, contains: ["expected IDX magic", "found 0x12340801"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
        // The image loader states the exact magic it wants.
        let labels = dir + "/labels"
        try writeFile(idxBytes([1], [0]), to: labels)
        assertDatasetError(path: labels, contains: ["expected IDX magic 0x00000803", "found 0x00000801"]) { () throws(DatasetError) in
            try ImageSet.loadIDX(images: labels, labels: labels)
        }
    }

    func testUnsupportedTypeCode() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/floats"
        try writeFile([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], to: path)
        assertDatasetError(path: path, contains: ["type code 0x0D", "32-bit float", "0x08"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
    }

    func testTruncatedHeader() throws {
        let dir = try makeTemporaryDirectory(self)
        let short = dir + "/short"
        try writeFile([0, 0, 8], to: short)
        assertDatasetError(path: short, contains: ["truncated header", "3 bytes"]) { () throws(DatasetError) in
            try IDXFile.read(path: short)
        }
        let cut = dir + "/cut-dims.gz"
        try writeFile(try gzipCompress([0, 0, 8, 3, 0, 0, 0, 2, 0, 0]), to: cut)
        assertDatasetError(path: cut, contains: ["truncated header", "16 header bytes", "10 bytes"]) { () throws(DatasetError) in
            try IDXFile.read(path: cut)
        }
    }

    func testTruncatedPayload() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/truncated.gz"
        let bytes = idxBytes([2, 3, 3], [UInt8](repeating: 7, count: 18))
        try writeFile(try gzipCompress(Array(bytes.dropLast(5))), to: path)
        assertDatasetError(path: path, contains: ["truncated payload", "2×3×3", "need 18 bytes", "found 13"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
    }

    func testTrailingBytesAreRejected() throws {
        let path = "memory/extra"
        assertDatasetError(path: path, contains: ["2 unexpected bytes"]) { () throws(DatasetError) in
            try IDXFile.parse(idxBytes([2], [1, 2]) + [3, 4], path: path)
        }
    }

    func testHugeDimensionsDoNotOverflow() {
        // 4 dimensions of 2^32 − 1: the product overflows Int64.
        let header: [UInt8] = [0, 0, 8, 4] + [UInt8](repeating: 0xFF, count: 16)
        assertDatasetError(path: "huge", contains: ["too large"]) { () throws(DatasetError) in
            try IDXFile.parse(header, path: "huge")
        }
        // 2^32 − 1 × 2: representable but far more than the bytes present.
        let big: [UInt8] = [0, 0, 8, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 2, 1]
        assertDatasetError(path: "big", contains: ["truncated payload", "found 1"]) { () throws(DatasetError) in
            try IDXFile.parse(big, path: "big")
        }
    }

    func testGarbageNamedGz() throws {
        let dir = try makeTemporaryDirectory(self)
        let path = dir + "/garbage-idx3-ubyte.gz"
        try writeFile(Array("this is not compressed".utf8), to: path)
        assertDatasetError(path: path, contains: ["neither gzip", "74 68 69 73"]) { () throws(DatasetError) in
            try IDXFile.read(path: path)
        }
    }

    func testCorruptGzipStream() throws {
        let dir = try makeTemporaryDirectory(self)
        let payload = (0..<4000).map { UInt8(truncatingIfNeeded: $0 * 31 + $0 / 7) }
        var packed = try gzipCompress(idxBytes([4000], payload))
        // Flip bits in the middle of the deflate data: either the deflate decoder or the CRC catches it.
        for i in stride(from: 20, to: min(packed.count - 10, 60), by: 3) { packed[i] ^= 0x5A }
        let corrupt = dir + "/corrupt.gz"
        try writeFile(packed, to: corrupt)
        assertDatasetError(path: corrupt, contains: ["corrupt gzip stream"]) { () throws(DatasetError) in
            try IDXFile.read(path: corrupt)
        }
        // A stream cut short has no end marker.
        let whole = try gzipCompress(idxBytes([4000], payload))
        let cut = dir + "/cut.gz"
        try writeFile(Array(whole.prefix(whole.count / 2)), to: cut)
        assertDatasetError(path: cut, contains: ["gzip stream is truncated"]) { () throws(DatasetError) in
            try IDXFile.read(path: cut)
        }
    }

    func testMissingFileAndDirectory() throws {
        let dir = try makeTemporaryDirectory(self)
        let missing = dir + "/nothing-here.gz"
        assertDatasetError(path: missing, contains: ["cannot open file", "No such file"]) { () throws(DatasetError) in
            try IDXFile.read(path: missing)
        }
        assertDatasetError(path: dir, contains: ["is a directory"]) { () throws(DatasetError) in
            try IDXFile.read(path: dir)
        }
    }

    func testEncodedRoundTrip() throws {
        let file = try XCTUnwrap(IDXFile(dimensions: [2, 2], bytes: [9, 8, 7, 6]))
        XCTAssertEqual(try IDXFile.parse(file.encoded(), path: "x"), file)
        XCTAssertNil(IDXFile(dimensions: [2, 2], bytes: [1]))
    }
}
