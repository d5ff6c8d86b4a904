import Foundation
import XCTest
@testable import Features

/// `.npz` archives written by NumPy (stored and deflated, zip64 as NumPy writes it) read like `.npy` files.
final class NumPyArchiveTests: XCTestCase {
    func testArchivesMeasureLikeNpyDirectories() throws {
        let python = try MeasureHarness.pythonWithNumPy()
        let directory = try temporaryDirectory("npz")
        let script = """
            import os, sys
            import numpy as np
            root = sys.argv[1]
            rng = np.random.default_rng(3)
            labels = rng.integers(0, 4, size=120)
            layers = {"l0_input": rng.normal(size=(120, 30)).astype(np.float32) + labels[:, None],
                      "l1_conv": rng.normal(size=(120, 2, 5, 5)).astype(np.float16) * (1 + labels[:, None, None, None]),
                      "l2_fc": rng.normal(size=(120, 1100)) + 0.3 * labels[:, None]}
            for name, save in [("npy", None), ("stored", np.savez), ("deflated", np.savez_compressed)]:
                os.makedirs(f"{root}/{name}")
                if save is None:
                    np.save(f"{root}/{name}/labels.npy", labels)
                    for layer, values in layers.items():
                        np.save(f"{root}/{name}/{layer}.npy", values)
                else:
                    save(f"{root}/{name}/features.npz", labels=labels, **layers)
            """
        let scriptPath = directory + "/write.py"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let written = try MeasureHarness.run(python, [scriptPath, directory])
        XCTAssertEqual(written.status, 0, written.stderr)

        var results: [[Double]] = []
        for name in ["npy", "stored", "deflated"] {
            let features = try FeatureDirectory(path: directory + "/" + name)
            XCTAssertEqual(features.layers.map(\.name), ["l0_input", "l1_conv", "l2_fc"], name)
            let json = directory + "/\(name).json"
            let outcome = try MeasureHarness.seplaw(["measure", directory + "/" + name, "--json", json])
            XCTAssertEqual(outcome.status, 0, outcome.stdout + outcome.stderr)
            let layers = try XCTUnwrap(try MeasureHarness.json(json)["layers"] as? [[String: Any]])
            results.append(layers.compactMap { ($0["D"] as? NSNumber)?.doubleValue })
        }
        XCTAssertEqual(results[0].count, 3)
        XCTAssertEqual(results[1].map(\.bitPattern), results[0].map(\.bitPattern))
        XCTAssertEqual(results[2].map(\.bitPattern), results[0].map(\.bitPattern))

        // A damaged archive: a truncated one, and a flipped byte in deflated data (CRC or zlib catches it).
        let archive = directory + "/deflated/features.npz"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let truncated = directory + "/truncated"
        try FileManager.default.createDirectory(atPath: truncated, withIntermediateDirectories: true)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: truncated + "/features.npz"))
        assertFeatureError(path: truncated + "/features.npz", contains: ["end-of-central-directory"]) {
            _ = try FeatureDirectory(path: truncated)
        }
        bytes[bytes.count / 3] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: archive))
        let failure = openingError(directory + "/deflated")
        XCTAssertTrue(failure.hasPrefix(archive + ":"), failure)
        XCTAssertTrue(["CRC-32", "corrupt", "inflates to"].contains { failure.contains($0) }, failure)
    }

    /// The description of the error opening `path` raises ("" when it opens).
    private func openingError(_ path: String) -> String {
        do {
            _ = try FeatureDirectory(path: path)
            return ""
        } catch {
            return error.description
        }
    }
}
