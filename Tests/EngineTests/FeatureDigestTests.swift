import Engine
import Foundation
import XCTest

/// The content digest of a feature directory (the id of `seplaw measure --out`): the files `measure` reads, by
/// name and content, and nothing else.
final class FeatureDigestTests: XCTestCase {
    private func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feature-digest-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        return root
    }

    private func digest(_ files: [String: String]) throws -> String? {
        FeatureMeasurement.digest(of: try directory(files), cacheDirectory: nil)?.digest
    }

    func testDigestFollowsTheMeasuredFilesOnly() throws {
        let base = ["labels.npy": "L", "00_a.npy": "A", "layers.txt": "00_a.npy\n", "test/labels.npy": "T"]
        let reference = try XCTUnwrap(try digest(base))
        // Another location, the same content: the same digest; files measure does not read do not count.
        XCTAssertEqual(try digest(base), reference)
        XCTAssertEqual(try digest(base.merging(["README.md": "notes", "test/notes.txt": "x"]) { a, _ in a }), reference)
        // Any byte, name or file measure reads changes it.
        XCTAssertNotEqual(try digest(base.merging(["00_a.npy": "B"]) { _, b in b }), reference)
        XCTAssertNotEqual(try digest(base.merging(["test/labels.npy": "U"]) { _, b in b }), reference)
        XCTAssertNotEqual(try digest(base.merging(["01_b.npz": "Z"]) { a, _ in a }), reference)
        var renamed = base
        renamed["00_b.npy"] = renamed.removeValue(forKey: "00_a.npy")
        XCTAssertNotEqual(try digest(renamed), reference)
        XCTAssertEqual(FeatureMeasurement.digest(of: try directory(base), cacheDirectory: nil)?.bytes, 12)
    }

    func testMissingDirectoryHasNoDigest() {
        XCTAssertNil(FeatureMeasurement.digest(of: "/nonexistent/features-\(UUID().uuidString)", cacheDirectory: nil))
    }
}
