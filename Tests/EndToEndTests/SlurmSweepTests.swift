import TestSupport
import XCTest
@testable import Sweep

/// `Cluster/slurm-sweep.sbatch` on a real one-node Slurm cluster (`Scripts/slurm-cluster.sh`, one per
/// test): a sweep launched by `srun` and by `mpirun`, `scancel` then resubmission, and the time-limit
/// warning that stops the sweep and requeues the job until the sweep is done. Skips, saying why, where
/// Slurm cannot start (not root, no slurm-wlm/munge and no apt-get).
final class SlurmSweepTests: XCTestCase {
    func testSweepUnderSrun() throws {
        try checkSweep(launcher: "srun")
    }

    func testSweepUnderMpirun() throws {
        try checkSweep(launcher: "mpirun")
    }

    /// `scancel` mid-sweep keeps what was stored; submitting again finishes the rest, every job once.
    func testScancelThenResubmitResumes() throws {
        let binary = try SweepHarness.seplaw()
        _ = try SweepHarness.mpirun()
        let cluster = try SlurmCluster()
        defer { cluster.stop() }
        let work = try SweepHarness.temporaryDirectory("slurm-scancel")
        let spec = try Self.calibratedSpec(name: "slurm-scancel", seconds: 15, work: work)
        let ids = try SweepHarness.jobIDs(spec)
        let out = work.appendingPathComponent("out").path
        let variables = ["SEPLAW": binary, "SPEC": spec, "OUT": out]

        let first = try cluster.submit(SlurmCluster.clusterFile("slurm-sweep.sbatch"),
                                       options: Self.options(work, log: "first.log"), variables: variables)
        let deadline = Date().addingTimeInterval(240)
        while SweepHarness.lineCount(out + "/results.jsonl") < 2 && Date() < deadline { usleep(200_000) }
        cluster.cancel(first)
        let cancelled = cluster.waitForEnd(first, timeout: 120)
        let firstLog = SlurmCluster.text(work.appendingPathComponent("first.log").path)
        XCTAssertEqual(cancelled.first?["JobState"], "CANCELLED", firstLog)
        let landed = SweepHarness.lineCount(out + "/results.jsonl")
        XCTAssertGreaterThanOrEqual(landed, 2, firstLog)
        XCTAssertLessThan(landed, ids.count, "the sweep ended before scancel; make its jobs longer\n\(firstLog)")

        let second = try cluster.submit(SlurmCluster.clusterFile("slurm-sweep.sbatch"),
                                        options: Self.options(work, log: "second.log"), variables: variables)
        let finished = cluster.waitForEnd(second, timeout: 300)
        let secondLog = SlurmCluster.text(work.appendingPathComponent("second.log").path)
        XCTAssertEqual(finished.first?["JobState"], "COMPLETED", secondLog)
        XCTAssertEqual(finished.first?["ExitCode"], "0:0", secondLog)
        XCTAssertTrue(secondLog.contains("\(ids.count) jobs: \(landed) done"), secondLog)
        try Self.checkEveryJobOnce(out, ids: ids, log: firstLog + secondLog)
        print("scancel after \(landed) of \(ids.count) results; the resubmitted job finished the sweep:\n\(secondLog)")
    }

    /// `--time=1 --signal=B:USR1@30`: on the warning the script stops the sweep and requeues itself,
    /// again and again, until the sweep (longer than one allocation) is done.
    func testTimeLimitWarningRequeuesUntilDone() throws {
        let binary = try SweepHarness.seplaw()
        _ = try SweepHarness.mpirun()
        let cluster = try SlurmCluster()
        defer { cluster.stop() }
        let work = try SweepHarness.temporaryDirectory("slurm-requeue")
        // Longer than one allocation: the warning comes at most 30 s after the start (Slurm may send it early).
        let spec = try Self.calibratedSpec(name: "slurm-requeue", seconds: 45, work: work)
        let ids = try SweepHarness.jobIDs(spec)
        let out = work.appendingPathComponent("out").path
        let job = try cluster.submit(SlurmCluster.clusterFile("slurm-sweep.sbatch"),
                                     options: Self.options(work, log: "slurm.log", minutes: 1) + ["--signal=B:USR1@30"],
                                     variables: ["SEPLAW": binary, "SPEC": spec, "OUT": out])
        let records = cluster.waitForEnd(job, timeout: 480)
        let log = SlurmCluster.text(work.appendingPathComponent("slurm.log").path)
        XCTAssertEqual(records.first?["JobState"], "COMPLETED", log)
        XCTAssertEqual(records.first?["ExitCode"], "0:0", log)
        XCTAssertGreaterThanOrEqual(Int(records.first?["Restarts"] ?? "") ?? 0, 1, log)
        XCTAssertTrue(log.contains("time-limit warning (SIGUSR1)"), log)
        XCTAssertTrue(log.contains("requeueing job \(job)"), log)
        XCTAssertTrue(log.contains("(restart 1)"), log)
        XCTAssertFalse(log.contains("DUE TO TIME LIMIT"), "the job hit its limit instead of requeueing itself\n\(log)")
        try Self.checkEveryJobOnce(out, ids: ids, log: log)
        print("time-limit requeue: \(records.first?["Restarts"] ?? "?") restarts, \(ids.count) jobs\n"
              + log.split(separator: "\n").filter { $0.hasPrefix("seplaw sweep") || $0.contains("CANCELLED") }.joined(separator: "\n"))
    }

    /// The same stop-and-requeue under `srun`, the warning sent at once (`scancel --batch --signal=USR1`):
    /// the script has slurmstepd send SIGTERM to the ranks, which stop cleanly (no task is killed).
    func testWarningUnderSrunStopsAndRequeues() throws {
        let binary = try SweepHarness.seplaw()
        _ = try SweepHarness.mpirun()
        let cluster = try SlurmCluster()
        defer { cluster.stop() }
        let work = try SweepHarness.temporaryDirectory("slurm-srun-warning")
        let spec = try Self.calibratedSpec(name: "slurm-srun-warning", seconds: 15, work: work)
        let ids = try SweepHarness.jobIDs(spec)
        let out = work.appendingPathComponent("out").path
        let job = try cluster.submit(SlurmCluster.clusterFile("slurm-sweep.sbatch"), options: Self.options(work, log: "slurm.log"),
                                     variables: ["SEPLAW": binary, "SPEC": spec, "OUT": out, "LAUNCHER": "srun"])
        let deadline = Date().addingTimeInterval(240)
        while SweepHarness.lineCount(out + "/results.jsonl") < 2 && Date() < deadline { usleep(200_000) }
        let signalled = ShellCommand.run("/usr/bin/scancel", ["--batch", "--signal=USR1", job], environment: cluster.environment())
        XCTAssertEqual(signalled.status, 0, signalled.output)
        let records = cluster.waitForEnd(job, timeout: 300)
        let log = SlurmCluster.text(work.appendingPathComponent("slurm.log").path)
        XCTAssertEqual(records.first?["JobState"], "COMPLETED", log)
        XCTAssertEqual(records.first?["ExitCode"], "0:0", log)
        XCTAssertEqual(records.first?["Restarts"], "1", log)
        XCTAssertTrue(log.contains("interrupted by SIGTERM"), log)
        XCTAssertFalse(log.contains("Killed"), log)
        XCTAssertTrue(log.contains("requeueing job \(job)"), log)
        XCTAssertTrue(log.contains("(restart 1) on "), log)
        try Self.checkEveryJobOnce(out, ids: ids, log: log)
    }

    // MARK: - Helpers

    private func checkSweep(launcher: String) throws {
        let binary = try SweepHarness.seplaw()
        _ = try SweepHarness.mpirun()
        let cluster = try SlurmCluster()
        defer { cluster.stop() }
        let work = try SweepHarness.temporaryDirectory("slurm-\(launcher)")
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "slurm-\(launcher)"))
        let ids = try SweepHarness.jobIDs(spec)
        let out = work.appendingPathComponent("out").path
        let job = try cluster.submit(SlurmCluster.clusterFile("slurm-sweep.sbatch"), options: Self.options(work, log: "slurm.log"),
                                     variables: ["SEPLAW": binary, "SPEC": spec, "OUT": out, "LAUNCHER": launcher])
        let records = cluster.waitForEnd(job, timeout: 240)
        let log = SlurmCluster.text(work.appendingPathComponent("slurm.log").path)
        XCTAssertEqual(records.first?["JobState"], "COMPLETED", log)
        XCTAssertEqual(records.first?["ExitCode"], "0:0", log)
        XCTAssertTrue(log.contains("via \(launcher)"), log)
        XCTAssertTrue(log.contains("\(ids.count) jobs: \(ids.count) to run; 2 ranks × 1 slot"), log)
        XCTAssertTrue(log.contains("seplaw sweep exited with 0"), log)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/summary.md"), log)
        try Self.checkEveryJobOnce(out, ids: ids, log: log)
        print("sweep under \(launcher) in Slurm job \(job):\n\(log)")
    }

    /// Two tasks on one node, a generous limit, the log in the work directory.
    static func options(_ work: URL, log: String, minutes: Int = 10) -> [String] {
        ["--job-name=seplaw-test", "--nodes=1", "--ntasks=2", "--ntasks-per-node=2", "--cpus-per-task=1",
         "--time=\(minutes)", "--chdir=\(work.path)", "--output=\(work.appendingPathComponent(log).path)"]
    }

    /// Every job of the spec has exactly one result line, all ok.
    static func checkEveryJobOnce(_ out: String, ids: [String], log: String, file: StaticString = #filePath,
                                  line: UInt = #line) throws {
        let results = try SweepHarness.results(in: out)
        XCTAssertEqual(results.count, ids.count, "results.jsonl must hold every job exactly once\n\(log)", file: file, line: line)
        XCTAssertEqual(Set(results.map(\.id)), Set(ids), log, file: file, line: line)
        XCTAssertTrue(results.allSatisfy { $0.status == .ok }, log, file: file, line: line)
    }

    /// A spec that keeps two ranks busy for about `seconds` here: two jobs are timed first as the sweep
    /// will run them (two at once, each in a child process), so the sweep is long enough on a fast or
    /// idle machine and not much longer on a slow or busy one.
    static func calibratedSpec(name: String, seconds: Double, work: URL) throws -> String {
        let probe = try SweepHarness.writeSpec(TinySpecs.grid(name: name, epochs: 600, depths: [2], seeds: [0, 1]))
        let started = Date()
        let timed = try SweepHarness.run(["sweep", probe, "--out", work.appendingPathComponent("calibration").path, "--slots", "2"])
        XCTAssertEqual(timed.status, 0, timed.combined)
        let pair = max(Date().timeIntervalSince(started), 0.05)
        let epochs = pair < 1 ? Int(600 * min(1.5 / pair, 20)) : 600  // jobs of at least a second or so
        let pairs = max(3, Int((seconds / (pair * Double(epochs) / 600)).rounded(.up)))
        return try SweepHarness.writeSpec(TinySpecs.grid(name: name, epochs: epochs, depths: [2], seeds: Array(0..<(2 * pairs))))
    }
}
