import Foundation
import XCTest
@testable import Features

/// A fresh temporary directory for one test.
func temporaryDirectory(_ name: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("seplaw-features-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}

/// The bytes of a `.npy` file with header text `dict` (padded as NumPy pads it) and `data`.
func npyBytes(_ dict: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
    let lengthSize = version == 1 ? 2 : 4
    let unpadded = 8 + lengthSize + dict.utf8.count + 1
    let padded = (unpadded + 63) / 64 * 64
    let length = padded - 8 - lengthSize
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    for b in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: length >> (8 * b))) }
    bytes += Array(dict.utf8) + [UInt8](repeating: 0x20, count: padded - unpadded) + [0x0A]
    return bytes + data
}

func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
    values.flatMap { v in (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
}

func write(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// Asserts that `body` throws a `FeatureFileError` for `path` whose message holds every fragment.
func assertFeatureError(path: String, contains fragments: [String], file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected an error about \(path)", file: file, line: line)
    } catch let error as FeatureFileError {
        XCTAssertEqual(error.path, path, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment), "\(error) lacks '\(fragment)'", file: file, line: line)
        }
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}
