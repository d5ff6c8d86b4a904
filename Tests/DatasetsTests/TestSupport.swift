import CZlib
import Foundation
import XCTest
@testable import Datasets

/// A fresh temporary directory, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("seplaw-datasets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url.path
}

/// Writes `bytes` to `path`.
func writeFile(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// `bytes` compressed as a single gzip member (zlib deflate with windowBits 31).
func gzipCompress(_ bytes: [UInt8]) throws -> [UInt8] {
    var stream = z_stream()
    guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY,
                        zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw DatasetError(path: "", message: "deflateInit2 failed")
    }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, uLong(bytes.count))) + 64
    var output = [UInt8](repeating: 0, count: bound)
    var input = bytes
    let status: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            stream.next_out = outBuf.baseAddress
            stream.avail_out = uInt(outBuf.count)
            return deflate(&stream, Z_FINISH)
        }
    }
    guard status == Z_STREAM_END else { throw DatasetError(path: "", message: "deflate failed: \(status)") }
    return Array(output[0..<Int(stream.total_out)])
}

/// IDX bytes of unsigned-byte data with the given dimensions.
func idxBytes(_ dimensions: [Int], _ payload: [UInt8]) -> [UInt8] {
    guard let file = IDXFile(dimensions: dimensions, bytes: payload) else {
        XCTFail("payload size \(payload.count) does not match \(dimensions)")
        return []
    }
    return file.encoded()
}

/// A small deterministic grey image set: `count` images of `height × width` with labels `i % classes`.
func smallImages(count: Int, height: Int, width: Int, classes: Int) -> (pixels: [UInt8], labels: [UInt8]) {
    let pixels = (0..<(count * height * width)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 5) }
    let labels = (0..<count).map { UInt8($0 % classes) }
    return (pixels, labels)
}

/// Asserts that `body` throws a `DatasetError` whose path is `path` and whose description contains
/// `path` and every one of `fragments`.
func assertDatasetError<T>(path: String, contains fragments: [String], file: StaticString = #filePath, line: UInt = #line,
                           _ body: () throws(DatasetError) -> T) {
    do {
        _ = try body()
        XCTFail("expected a DatasetError about \(path)", file: file, line: line)
    } catch {
        XCTAssertEqual(error.path, path, "\(error)", file: file, line: line)
        if !path.isEmpty {
            XCTAssertTrue(error.description.contains(path), "\(error)", file: file, line: line)
        }
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment), "'\(fragment)' missing from: \(error)", file: file, line: line)
        }
    }
}
