import Foundation
import TestSupport
import XCTest

/// A one-node Slurm cluster of its own for one test (`Scripts/slurm-cluster.sh` with a fresh state
/// directory and ports), and the Slurm commands the tests run against it. Creating one throws an
/// XCTSkip with the reason where Slurm cannot start (not root, packages missing and not installable).
final class SlurmCluster {
    let stateDirectory: String
    let configuration: String
    private let port: Int

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("Scripts/slurm-cluster.sh").path

    /// A path under `Cluster/` of the repository.
    static func clusterFile(_ name: String) -> String { repositoryRoot.appendingPathComponent("Cluster/\(name)").path }

    /// Starts the cluster (munged, slurmctld, slurmd) and waits until its node takes jobs.
    init() throws {
        guard SweepHarness.isRoot else { throw XCTSkip("the Slurm tests start munged and the Slurm daemons, which needs root") }
        if ProcessInfo.processInfo.environment["SEPLAW_SKIP_SLURM"] == "1" {
            throw XCTSkip("SEPLAW_SKIP_SLURM=1: the real-Slurm tests are switched off")
        }
        stateDirectory = "/tmp/seplaw-slurm-\(UUID().uuidString.prefix(8).lowercased())"
        configuration = stateDirectory + "/slurm.conf"
        port = 20_000 + 2 * Int.random(in: 0..<10_000)
        let started = ShellCommand.run("/bin/bash", [Self.script, "start"], environment: scriptEnvironment, timeout: 300)
        if started.status == 77 {
            throw XCTSkip("Slurm cannot be started here: \(started.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard started.status == 0 else {
            _ = ShellCommand.run("/bin/bash", [Self.script, "stop"], environment: scriptEnvironment)
            XCTFail("Scripts/slurm-cluster.sh start failed (\(started.status)):\n\(started.output)")
            throw XCTSkip("the Slurm cluster did not start")
        }
    }

    /// Cancels every job and stops the daemons; removes the state directory.
    func stop() {
        let stopped = ShellCommand.run("/bin/bash", [Self.script, "stop"], environment: scriptEnvironment, timeout: 120)
        if stopped.status != 0 { XCTFail("Scripts/slurm-cluster.sh stop failed:\n\(stopped.output)") }
    }

    private var scriptEnvironment: [String: String] {
        ["SEPLAW_SLURM_DIR": stateDirectory, "SEPLAW_SLURM_PORT": String(port)]
    }

    /// The environment of Slurm commands: this cluster's slurm.conf plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        extra.merging(["SLURM_CONF": configuration]) { _, cluster in cluster }
    }

    /// `sbatch --parsable OPTIONS SCRIPT` with `variables` in the job's environment; returns the job id.
    func submit(_ script: String, options: [String], variables: [String: String]) throws -> String {
        let outcome = ShellCommand.run("/usr/bin/sbatch", ["--parsable"] + options + [script], environment: environment(variables))
        let id = outcome.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard outcome.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            XCTFail("sbatch failed (\(outcome.status)): \(outcome.output)")
            throw XCTSkip("sbatch failed")
        }
        return id
    }

    /// `scancel ID`.
    func cancel(_ job: String) {
        let outcome = ShellCommand.run("/usr/bin/scancel", [job], environment: environment())
        XCTAssertEqual(outcome.status, 0, "scancel \(job): \(outcome.output)")
    }

    /// `KEY=value` fields of `scontrol show job -o ID`, one dictionary per job (an array gives one per task).
    func jobRecords(_ job: String) -> [[String: String]] {
        let outcome = ShellCommand.run("/usr/bin/scontrol", ["show", "job", "-o", job], environment: environment())
        guard outcome.status == 0 else { return [] }
        return outcome.output.split(separator: "\n").map { line in
            var fields: [String: String] = [:]
            for word in line.split(separator: " ") {
                let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
            }
            return fields
        }
    }

    static let finalStates: Set<String> = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY",
                                           "BOOT_FAIL", "DEADLINE", "PREEMPTED"]

    /// Waits until the job (every task of an array) has ended; returns the records then (also on timeout).
    @discardableResult
    func waitForEnd(_ job: String, timeout: TimeInterval) -> [[String: String]] {
        let deadline = Date().addingTimeInterval(timeout)
        var records = jobRecords(job)
        while Date() < deadline {
            if !records.isEmpty, records.allSatisfy({ Self.finalStates.contains($0["JobState"] ?? "") }) { return records }
            usleep(500_000)
            records = jobRecords(job)
        }
        XCTFail("Slurm job \(job) did not end within \(Int(timeout)) s: \(records.map { $0["JobState"] ?? "?" })")
        return records
    }

    /// The text of a file (empty when missing).
    static func text(_ path: String) -> String { ShellCommand.text(path) }
}
