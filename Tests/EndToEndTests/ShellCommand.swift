import Foundation
import TestSupport

/// Runs a program for the end-to-end tests that drive shell tools (Slurm, tar, the bundle).
enum ShellCommand {
    /// The outcome of one command.
    struct Outcome {
        let status: Int32
        let output: String
    }

    /// The text of a file (empty when missing).
    static func text(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// Runs a program, output and error together, and waits (killing it after `timeout` seconds).
    static func run(_ program: String, _ arguments: [String], environment extra: [String: String] = [:],
                    directory: String? = nil, timeout: TimeInterval = 60) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("seplaw-e2e-cmd-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        guard let handle = try? FileHandle(forWritingTo: outputURL) else { return Outcome(status: -1, output: "cannot capture output") }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return Outcome(status: -1, output: "\(program): \(error)") }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                SweepHarness.killTree(process.processIdentifier)
                break
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        try? handle.close()
        return Outcome(status: process.terminationStatus, output: text(outputURL.path))
    }
}
