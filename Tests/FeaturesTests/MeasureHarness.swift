import Foundation
import TestSupport
import XCTest

/// Runs the real `seplaw` executable (built next to the test bundle, or `SEPLAW_BINARY`) and other programs.
enum MeasureHarness {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The seplaw executable (TestSupport finds it next to the test bundle, or takes `SEPLAW_BINARY`).
    static func seplaw() throws -> String {
        try SweepHarness.seplaw()
    }

    /// Runs `program ARGS` to completion, capturing its output in temporary files.
    static func run(_ program: String, _ arguments: [String]) throws -> Outcome {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("measure-out-\(UUID().uuidString)")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("measure-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    static func seplaw(_ arguments: [String]) throws -> Outcome {
        try run(try seplaw(), arguments)
    }

    /// `python3` with NumPy importable, or an XCTSkip saying what is missing.
    static func pythonWithNumPy() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/python3" }
        let candidates = [environment["SEPLAW_PYTHON"]].compactMap { $0 } + path + ["/usr/bin/python3", "/usr/local/bin/python3"]
        for python in candidates where FileManager.default.isExecutableFile(atPath: python) {
            if let outcome = try? run(python, ["-c", "import numpy"]), outcome.status == 0 { return python }
        }
        throw XCTSkip("python3 with NumPy is not installed: the NumPy-written features test needs it (apt install python3-numpy)")
    }

    /// The repository root (two levels above this file's directory).
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The JSON object in `path`.
    static func json(_ path: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return try XCTUnwrap(object as? [String: Any])
    }
}
