@testable import Sweep
import TestSupport
import XCTest

/// A job's process killed from outside: SIGKILL (an operator, the kernel's OOM killer) and running out
/// of memory under an address-space limit are recorded as `crashed` while the other jobs finish;
/// SIGTERM (a batch system stopping the job) records nothing, and a rerun runs that job.
final class FaultJobTests: XCTestCase {
    private let spec = TinySpecs.grid(name: "job-faults", epochs: 5, depths: [1, 2, 3], seeds: [0, 1])

    /// Runs the sweep as one process with two slots, `hang` injected into `victim`; once every other job
    /// is stored, sends `signal` to the victim's process. Returns the outcome and the directory.
    private func signalHangingJob(_ signal: Int32, spec path: String, victim: String, ranks: Int? = nil)
        throws -> (SweepHarness.Outcome, String) {
        let total = try SweepHarness.jobIDs(path).count
        let directory = try SweepHarness.temporaryDirectory("job-fault").path
        let running = try SweepHarness.start(["sweep", path, "--out", directory] + (ranks == nil ? ["--slots", "2"] : []),
                                             ranks: ranks, environment: ["SEPLAW_INJECT_FAULT": "\(victim):hang"])
        var jobs: [FaultProcesses.Member] = []
        XCTAssertTrue(FaultProcesses.wait(timeout: 120) {
            jobs = FaultProcesses.descendants(of: running.process.processIdentifier).filter(\.isJob)
            return SweepHarness.lineCount(directory + "/results.jsonl") == total - 1 && jobs.count == 1
        }, running.outcome().combined)
        let job = try XCTUnwrap(jobs.first)
        kill(job.pid, signal)
        return (FaultProcesses.finish(running, timeout: 60), directory)
    }

    func testJobKilledBySIGKILLIsRecordedAsCrashed() throws {
        let path = try SweepHarness.writeSpec(spec)
        let victim = try SweepHarness.jobIDs(path)[2]
        let (outcome, directory) = try signalHangingJob(SIGKILL, spec: path, victim: victim)
        XCTAssertEqual(outcome.status, 1, outcome.combined)
        let results = Dictionary(uniqueKeysWithValues: try SweepHarness.results(in: directory).map { ($0.id, $0) })
        XCTAssertEqual(results.count, try SweepHarness.jobIDs(path).count)
        XCTAssertEqual(results[victim]?.status, .crashed)
        XCTAssertTrue(results[victim]?.message?.contains("SIGKILL") ?? false, results[victim]?.message ?? "")
        XCTAssertEqual(results.values.filter { $0.status == .ok }.count, results.count - 1)
        XCTAssertTrue(try String(contentsOfFile: directory + "/failed.txt", encoding: .utf8).hasPrefix(victim))
    }

    func testJobStoppedBySIGTERMIsNotRecordedAndRunsOnResume() throws {
        let path = try SweepHarness.writeSpec(spec)
        let ids = try SweepHarness.jobIDs(path)
        let victim = ids[1]
        let (outcome, directory) = try signalHangingJob(SIGTERM, spec: path, victim: victim)
        XCTAssertEqual(outcome.status, 130, outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("incomplete: a signal to 1 running job stopped it"), outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("resume by running the same command again"), outcome.combined)
        let stored = try FaultProcesses.assertIntact(directory, spec: path)
        XCTAssertEqual(stored, Set(ids).subtracting([victim]))

        let resumed = try SweepHarness.run(["sweep", path, "--out", directory, "--slots", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.combined)
        XCTAssertTrue(resumed.stdout.contains("\(ids.count - 1) done"), resumed.stdout)
        XCTAssertEqual(try FaultProcesses.assertIntact(directory, spec: path), Set(ids))
    }

    /// Under mpirun the job may run on rank 0 or on rank 1 (which tells rank 0 with the `stopped` message).
    func testJobStoppedBySIGTERMUnderMPIIsNotRecorded() throws {
        _ = try SweepHarness.mpirun()
        let path = try SweepHarness.writeSpec(spec)
        let ids = try SweepHarness.jobIDs(path)
        let (outcome, directory) = try signalHangingJob(SIGTERM, spec: path, victim: ids[3], ranks: 2)
        XCTAssertNotEqual(outcome.status, 0, outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("incomplete: a signal to 1 running job stopped it"), outcome.combined)
        XCTAssertEqual(try FaultProcesses.assertIntact(directory, spec: path), Set(ids).subtracting([ids[3]]))
    }

    func testJobOutOfMemoryIsRecordedAsCrashed() throws {
        if let sanitizer = ProcessInfo.processInfo.environment["SEPLAW_SANITIZER"] {
            throw XCTSkip("an address-space limit cannot be combined with the \(sanitizer) sanitizer's shadow memory")
        }
        let binary = try SweepHarness.seplaw()
        let path = try SweepHarness.writeSpec(spec)
        let ids = try SweepHarness.jobIDs(path)
        let victim = ids[0]
        let directory = try SweepHarness.temporaryDirectory("oom").path
        // A 1.5 GB address-space limit for the sweep and its jobs: the `oom` job allocates until it fails.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 1500000 && exec \"$0\" \"$@\"", binary, "sweep", path, "--out", directory,
                             "--slots", "2"]
        var environment = ProcessInfo.processInfo.environment
        environment["SEPLAW_INJECT_FAULT"] = "\(victim):oom"
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, stderr)
        let results = Dictionary(uniqueKeysWithValues: try SweepHarness.results(in: directory).map { ($0.id, $0) })
        XCTAssertEqual(results.count, ids.count)
        XCTAssertEqual(results[victim]?.status, .crashed)
        XCTAssertTrue(results[victim]?.message?.contains("out of memory") ?? false, results[victim]?.message ?? "")
        XCTAssertEqual(results.values.filter { $0.status == .ok }.count, ids.count - 1)
    }
}
