import Foundation
import Sweep
import XCTest

/// Runs the real `seplaw` executable (optionally under the real `mpirun`) for end-to-end tests.
public enum SweepHarness {
    /// The outcome of one command.
    public struct Outcome {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        public var combined: String { stdout + "\n" + stderr }
    }

    /// The `seplaw` executable built next to the test bundle (or `SEPLAW_BINARY`).
    public static func seplaw() throws -> String {
        if let path = ProcessInfo.processInfo.environment["SEPLAW_BINARY"] { return path }
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle(for: Marker.self).bundleURL.deletingLastPathComponent())
        for directory in candidates {
            var url = directory
            // Walk up out of an .xctest bundle directory (macOS layout).
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("seplaw").path
                if FileManager.default.isExecutableFile(atPath: binary) { return binary }
                url = url.deletingLastPathComponent()
            }
        }
        throw XCTSkip("""
            the seplaw executable was not found next to the test bundle (looked in \(candidates.map(\.path))); \
            build it first (swift build) or set SEPLAW_BINARY
            """)
    }

    /// `mpirun` on PATH, or an XCTSkip saying it is missing.
    public static func mpirun() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/mpirun"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw XCTSkip("mpirun is not on PATH: the MPI end-to-end tests need Open MPI (apt install openmpi-bin)")
    }

    public static var isRoot: Bool { geteuid() == 0 }

    /// `mpirun -np N [root flags] [--oversubscribe] seplaw ARGS…` as program and arguments.
    public static func mpiCommand(ranks: Int, _ arguments: [String]) throws -> (String, [String]) {
        var launcher = ["-np", String(ranks)]
        if isRoot { launcher.append("--allow-run-as-root") }
        if ranks > ProcessInfo.processInfo.activeProcessorCount { launcher.append("--oversubscribe") }
        return (try mpirun(), launcher + [try seplaw()] + arguments)
    }

    /// Runs `seplaw ARGS` (under `mpirun -np ranks` when `ranks` is given) and waits for it.
    public static func run(_ arguments: [String], ranks: Int? = nil, environment: [String: String] = [:],
                    timeout: TimeInterval = 180) throws -> Outcome {
        let process = try start(arguments, ranks: ranks, environment: environment)
        let deadline = Date().addingTimeInterval(timeout)
        while process.process.isRunning {
            if Date() > deadline {
                killTree(process.process.processIdentifier)
                XCTFail("seplaw \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s and was killed")
                break
            }
            usleep(20_000)
        }
        process.process.waitUntilExit()
        return process.outcome()
    }

    /// A started command whose output goes to temporary files.
    public final class Running {
        public let process: Process
        let stdoutURL: URL
        let stderrURL: URL

        init(process: Process, stdoutURL: URL, stderrURL: URL) {
            self.process = process
            self.stdoutURL = stdoutURL
            self.stderrURL = stderrURL
        }

        public func outcome() -> Outcome {
            let out = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
            let err = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            return Outcome(status: process.terminationStatus, stdout: out, stderr: err)
        }
    }

    /// Starts `seplaw ARGS` without waiting.
    public static func start(_ arguments: [String], ranks: Int? = nil, environment: [String: String] = [:]) throws -> Running {
        let (program, args) = try ranks.map { try mpiCommand(ranks: $0, arguments) } ?? (try seplaw(), arguments)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let directory = try temporaryDirectory("out")
        let stdoutURL = directory.appendingPathComponent("stdout"), stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdoutURL: stdoutURL, stderrURL: stderrURL)
    }

    /// SIGKILLs `pid` and every process below it (the whole `mpirun`: launcher, ranks and jobs).
    public static func killTree(_ pid: Int32) {
        var tree = [pid]
        var index = 0
        while index < tree.count {
            tree += children(of: tree[index])
            index += 1
        }
        for member in tree { kill(member, SIGKILL) }
    }

    private static func children(of pid: Int32) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> Int32? in
            guard let child = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("seplaw-e2e-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a spec file and returns its path.
    public static func writeSpec(_ text: String, name: String = "spec") throws -> String {
        let url = try temporaryDirectory("spec").appendingPathComponent("\(name).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The lines of `DIR/results.jsonl`, decoded (fails the test on a bad line).
    public static func results(in directory: String, file: StaticString = #filePath, line: UInt = #line) throws -> [JobResult] {
        let text = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONCoding.decoder().decode(JobResult.self, from: Data($0.utf8)) }
    }

    /// Job id → the bit patterns of its D values.
    public static func fuzziness(_ results: [JobResult]) -> [String: [UInt64]] {
        Dictionary(results.map { ($0.id, $0.layers.map(\.D.bitPattern)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Ids of the jobs `seplaw plan` lists for a spec, in order.
    public static func jobIDs(_ spec: String) throws -> [String] {
        try SweepSpec.load(path: spec).jobs.map(\.id)
    }

    /// Number of complete lines in a file (0 when missing).
    public static func lineCount(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return data.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    private final class Marker {}
}
