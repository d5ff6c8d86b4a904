import Foundation
import Linalg
import XCTest
@testable import Features

/// Seeded mutations of valid `.npy` and `.npz` files: every input reads as an array or fails with an error
/// naming the file, never a trap (out-of-range read, overflow, a huge allocation).
final class FuzzNumPyTests: XCTestCase {
    /// SplitMix64, for reproducible mutations.
    private struct Mutations {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }

        /// One to four edits: a byte removed, replaced at random or by a boundary value, or the tail cut.
        mutating func apply(to input: [UInt8]) -> [UInt8] {
            var bytes = input
            for _ in 0...next(4) where !bytes.isEmpty {
                let at = next(bytes.count)
                switch next(4) {
                case 0: bytes.remove(at: at)
                case 1: bytes[at] = UInt8(next(256))
                case 2: bytes[at] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x30, 0x39][next(7)]
                default: bytes.removeSubrange(at...)
                }
            }
            return bytes
        }
    }

    /// Reads everything `file` holds, as its type allows.
    private func readAll(_ file: NumPyFile) throws {
        if file.header.elementType.isFloatingPoint {
            var values = [Double](repeating: 0, count: file.header.elementCount)
            try values.withUnsafeMutableBufferPointer { try file.readRows(0..<file.rowCount, into: $0) }
        } else {
            XCTAssertEqual(try file.readIntegers().count, file.header.elementCount)
        }
    }

    func testMutatedNpyFilesNeverTrap() throws {
        let directory = try temporaryDirectory("fuzz-npy")
        var matrix = Matrix<Float>(rows: 4, cols: 3)
        for e in matrix.storage.indices { matrix.storage[e] = Float(e) - 5.5 }
        try NumPyWriter.write(matrix, to: directory + "/seed.npy")
        try NumPyWriter.write(labels: [0, 1, 2, 1], to: directory + "/labels.npy")
        let seeds = [try Data(contentsOf: URL(fileURLWithPath: directory + "/seed.npy")),
                     try Data(contentsOf: URL(fileURLWithPath: directory + "/labels.npy"))].map { [UInt8]($0) }
        var mutations = Mutations(state: 17)
        var read = 0, refused = 0
        let path = directory + "/mutated.npy"
        for iteration in 0..<1500 {
            try write(mutations.apply(to: seeds[iteration % 2]), to: path)
            do {
                try readAll(try NumPyFile(path: path))
                read += 1
            } catch let error as FeatureFileError {
                XCTAssertEqual(error.path, path)
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 100)
        XCTAssertGreaterThan(read, 10)
    }

    func testMutatedNpzArchivesNeverTrap() throws {
        let python = try MeasureHarness.pythonWithNumPy()
        let directory = try temporaryDirectory("fuzz-npz")
        let written = try MeasureHarness.run(python, ["-c", """
            import numpy as np, sys
            np.savez(sys.argv[1] + "/stored.npz", labels=np.arange(6) % 2, a=np.ones((6, 2), np.float32))
            np.savez_compressed(sys.argv[1] + "/deflated.npz", labels=np.arange(6) % 2, a=np.ones((6, 2), np.float32))
            """, directory])
        XCTAssertEqual(written.status, 0, written.stderr)
        let seeds = try ["stored", "deflated"].map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/\($0).npz"))) }
        var mutations = Mutations(state: 29)
        var read = 0, refused = 0
        let path = directory + "/mutated.npz"
        for iteration in 0..<1500 {
            try write(mutations.apply(to: seeds[iteration % 2]), to: path)
            do {
                let archive = try NumPyArchive(path: path)
                for name in archive.names { try readAll(try archive.array(named: name)) }
                read += 1
            } catch let error as FeatureFileError {
                XCTAssertTrue(error.path.hasPrefix(path), "\(error)")
                refused += 1
            }
        }
        XCTAssertGreaterThan(refused, 100)
        XCTAssertGreaterThan(read, 10)
    }
}
