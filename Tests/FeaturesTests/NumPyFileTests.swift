import Foundation
import Linalg
import XCTest
@testable import Features

/// The `.npy` reader and writer on generated good and bad files.
final class NumPyFileTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = try temporaryDirectory("npy")
    }

    func testWriterRoundTripsFloatsAndLabels() throws {
        var matrix = Matrix<Float>(rows: 3, cols: 4)
        for e in matrix.storage.indices { matrix.storage[e] = Float(e) * 0.25 - 1 }
        let path = directory + "/x.npy"
        try NumPyWriter.write(matrix, to: path)
        let file = try NumPyFile(path: path)
        XCTAssertEqual(file.header.shape, [3, 4])
        XCTAssertEqual(file.header.descr, "<f4")
        XCTAssertEqual(file.header.dataOffset % 64, 0, "NumPy aligns the data to 64 bytes")
        var rows = [Float](repeating: 0, count: 8)
        try rows.withUnsafeMutableBufferPointer { try file.readRows(1..<3, into: $0) }
        XCTAssertEqual(rows, Array(matrix.storage[4..<12]))
        var wide = [Double](repeating: 0, count: 12)
        try wide.withUnsafeMutableBufferPointer { try file.readRows(0..<3, into: $0) }
        XCTAssertEqual(wide, matrix.storage.map(Double.init))

        let labelsPath = directory + "/labels.npy"
        try NumPyWriter.write(labels: [0, 2, -1, Int(Int32.max) + 1], to: labelsPath)
        XCTAssertEqual(try NumPyFile(path: labelsPath).readIntegers(), [0, 2, -1, Int(Int32.max) + 1])
    }

    /// Every float and integer type, both byte orders, format versions 1–3, Python 2 headers, 3-d shapes.
    func testReadsEveryTypeAndByteOrder() throws {
        let halves: [Float16] = [1.5, -2, 0.099975586, 65504]
        let h = directory + "/h.npy"
        try write(npyBytes("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 2), }",
                           data: littleEndianBytes(halves.map(\.bitPattern))), to: h)
        var out = [Float](repeating: 0, count: 4)
        try out.withUnsafeMutableBufferPointer { try NumPyFile(path: h).readRows(0..<2, into: $0) }
        XCTAssertEqual(out, halves.map(Float.init))

        let doubles: [Double] = [1e-300, -3.25, .pi, 7, 8, 9]
        let big = directory + "/big.npy"
        try write(npyBytes("{\"descr\":\">f8\",\"fortran_order\":False,\"shape\":(2L,1,3L)}",
                           data: doubles.flatMap { d in (0..<8).map { UInt8(truncatingIfNeeded: d.bitPattern >> (8 * (7 - $0))) } },
                           version: 2), to: big)
        let bigFile = try NumPyFile(path: big)
        XCTAssertEqual(bigFile.rowLength, 3)
        var wide = [Double](repeating: 0, count: 6)
        try wide.withUnsafeMutableBufferPointer { try bigFile.readRows(0..<2, into: $0) }
        XCTAssertEqual(wide, doubles)

        for (descr, bytes, expected) in [
            ("|u1", [UInt8(3), 255], [3, 255]),
            ("|i1", [UInt8(0xFF), 5], [-1, 5]),
            ("<i2", littleEndianBytes([Int16(-300), 7]), [-300, 7]),
            (">u2", [0x01, 0x00, 0x00, 0x09], [256, 9]),
            ("<i4", littleEndianBytes([Int32(-70000), 1]), [-70000, 1]),
            ("<u4", littleEndianBytes([UInt32(4_000_000_000), 0]), [4_000_000_000, 0]),
            ("<i8", littleEndianBytes([Int64(-5), 1 << 40]), [-5, 1 << 40]),
            ("<u8", littleEndianBytes([UInt64(12), 13]), [12, 13]),
        ] as [(String, [UInt8], [Int])] {
            let path = directory + "/labels-\(descr.dropFirst()).npy"
            try write(npyBytes("{'descr': '\(descr)', 'fortran_order': False, 'shape': (2,), }", data: bytes, version: 3), to: path)
            XCTAssertEqual(try NumPyFile(path: path).readIntegers(), expected, descr)
        }
    }

    func testBadFilesGiveErrorsNamingFileAndProblem() throws {
        let path = directory + "/bad.npy"
        let good = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }"
        let data = [UInt8](repeating: 0, count: 16)
        let cases: [([UInt8], [String])] = [
            ([], ["truncated", "0 bytes"]),
            (Array("PK\u{3}\u{4}hello".utf8), ["not a NumPy .npy file", "magic"]),
            (Array(npyBytes(good, data: data).prefix(30)), ["truncated", "header declares"]),
            (npyBytes(good, data: Array(data.prefix(10))), ["truncated", "needs 16 data bytes", "holds 10"]),
            (npyBytes(good, data: data + [1, 2]), ["2 bytes follow the data"]),
            (npyBytes(good.replacingOccurrences(of: "False", with: "True"), data: data), ["Fortran", "C order"]),
            (npyBytes(good.replacingOccurrences(of: "<f4", with: "<c8"), data: data), ["unsupported element type '<c8'"]),
            (npyBytes(good.replacingOccurrences(of: "<f4", with: "|f4"), data: data), ["no byte order"]),
            (npyBytes("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", data: data), ["structured"]),
            (npyBytes(good.replacingOccurrences(of: "(2, 2)", with: "(2, -2)"), data: data), ["non-negative integers"]),
            (npyBytes(good.replacingOccurrences(of: "(2, 2)", with: "(4294967296, 4294967296)"), data: data), ["too large"]),
            (npyBytes(good.replacingOccurrences(of: "(2, 2)", with: "(99999999999999999999, 1)"), data: data), ["too large"]),
            (npyBytes("{'descr': '<f4', 'shape': (2, 2), }", data: data), ["no 'fortran_order' key"]),
            (npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1}", data: data), ["unexpected key 'x'"]),
            (npyBytes("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 2)}", data: data), ["True or False"]),
            ([0x93] + Array("NUMPY".utf8) + [4, 0, 10, 0], ["unsupported .npy format version 4.0"]),
            ([0x93] + Array("NUMPY".utf8) + [2, 0, 0xFF, 0xFF, 0xFF, 0x7F], ["exceeds the limit"]),
        ]
        for (bytes, fragments) in cases {
            try write(bytes, to: path)
            assertFeatureError(path: path, contains: fragments) { _ = try NumPyFile(path: path) }
        }
        assertFeatureError(path: directory + "/missing.npy", contains: ["cannot open"]) { _ = try NumPyFile(path: directory + "/missing.npy") }
    }

    func testNonFiniteValuesAndWrongTypesAreRefused() throws {
        let path = directory + "/nan.npy"
        let values: [Float] = [1, 2, 3, .nan, 5, 6]
        try write(npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }",
                           data: littleEndianBytes(values.map(\.bitPattern))), to: path)
        let file = try NumPyFile(path: path)
        var out = [Float](repeating: 0, count: 6)
        assertFeatureError(path: path, contains: ["row 1, column 1", "nan", "finite"]) {
            try out.withUnsafeMutableBufferPointer { try file.readRows(0..<3, into: $0) }
        }
        assertFeatureError(path: path, contains: ["floats", "labels must be integers"]) { _ = try file.readIntegers() }
        assertFeatureError(path: path, contains: ["outside 0..<3"]) {
            try out.withUnsafeMutableBufferPointer { try file.readRows(2..<4, into: $0) }
        }
        let labels = directory + "/labels.npy"
        try write(npyBytes("{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", data: littleEndianBytes([UInt64.max])), to: labels)
        assertFeatureError(path: labels, contains: ["does not fit"]) { _ = try NumPyFile(path: labels).readIntegers() }
        assertFeatureError(path: labels, contains: ["not float16/float32"]) {
            try out.withUnsafeMutableBufferPointer { try NumPyFile(path: labels).readRows(0..<1, into: $0) }
        }
    }

    /// The manifest orders the layers; without it, name order; the test set must match.
    func testFeatureDirectoryLayoutAndErrors() throws {
        let labels = [0, 1, 0, 1]
        try NumPyWriter.write(labels: labels, to: directory + "/labels.npy")
        for (name, width) in [("b", 3), ("a", 2)] {
            try NumPyWriter.write(Matrix<Float>(rows: 4, cols: width, storage: (0..<(4 * width)).map(Float.init)), to: directory + "/\(name).npy")
        }
        XCTAssertEqual(try FeatureDirectory(path: directory).layers.map(\.name), ["a", "b"])
        try "# order\nb.npy\n\na\n".write(toFile: directory + "/layers.txt", atomically: true, encoding: .utf8)
        let dir = try FeatureDirectory(path: directory)
        XCTAssertEqual(dir.layers.map(\.name), ["b", "a"])
        XCTAssertEqual(dir.labels, labels)
        XCTAssertNil(dir.test)

        try FileManager.default.createDirectory(atPath: directory + "/test", withIntermediateDirectories: true)
        try NumPyWriter.write(labels: [1, 0], to: directory + "/test/labels.npy")
        try NumPyWriter.write(Matrix<Float>(rows: 2, cols: 3), to: directory + "/test/b.npy")
        assertFeatureError(path: directory + "/test/a.npy", contains: ["missing"]) { _ = try FeatureDirectory(path: directory) }
        try NumPyWriter.write(Matrix<Float>(rows: 2, cols: 5), to: directory + "/test/a.npy")
        assertFeatureError(path: directory + "/test/a.npy", contains: ["5 features per point", "has 2"]) { _ = try FeatureDirectory(path: directory) }
        try NumPyWriter.write(Matrix<Float>(rows: 2, cols: 2), to: directory + "/test/a.npy")
        XCTAssertEqual(try FeatureDirectory(path: directory).test?.labels, [1, 0])

        try NumPyWriter.write(Matrix<Float>(rows: 5, cols: 2), to: directory + "/a.npy")
        assertFeatureError(path: directory + "/a.npy", contains: ["5 rows", "4 labels"]) { _ = try FeatureDirectory(path: directory) }
        try "b\nc\n".write(toFile: directory + "/layers.txt", atomically: true, encoding: .utf8)
        assertFeatureError(path: directory + "/c.npy", contains: ["listed in layers.txt"]) { _ = try FeatureDirectory(path: directory) }
        try FileManager.default.removeItem(atPath: directory + "/labels.npy")
        assertFeatureError(path: directory, contains: ["no labels.npy"]) { _ = try FeatureDirectory(path: directory) }
    }
}
