@testable import Sweep
import TestSupport
import XCTest

/// SIGTERM or SIGINT to `mpirun`, and a Slurm-style requeue (SIGTERM to every process of the job at
/// once, then the same command in the same directory): running jobs end, results so far stay whole
/// and durable, the exit message says how to resume, and resuming completes the sweep exactly.
final class FaultSignalTests: XCTestCase {
    /// 16 jobs of 400 epochs (about 0.3 s each in a debug build), so that 13 of them still take seconds when the
    /// signal goes out: with 40 epochs a loaded machine finished the whole sweep between the check and the signal.
    private func spec(_ name: String) throws -> String {
        try SweepHarness.writeSpec(TinySpecs.grid(name: name, epochs: 400, depths: [1, 2, 3, 4], seeds: [0, 1, 2, 3]))
    }

    /// Starts the sweep under `mpirun -np 2`, waits for 3 results and a running job, then calls `signal`
    /// with the tree; returns the outcome, the job processes that were running, and the directory.
    private func interrupt(spec: String, _ signal: (Int32, [FaultProcesses.Member]) -> Void)
        throws -> (SweepHarness.Outcome, [Int32], String) {
        _ = try SweepHarness.mpirun()
        let directory = try SweepHarness.temporaryDirectory("signal").path
        let running = try SweepHarness.start(["sweep", spec, "--out", directory], ranks: 2)
        let pid = running.process.processIdentifier
        var tree: [FaultProcesses.Member] = []
        XCTAssertTrue(FaultProcesses.wait(timeout: 120) {
            tree = FaultProcesses.descendants(of: pid)
            return SweepHarness.lineCount(directory + "/results.jsonl") >= 3 && tree.contains(where: \.isJob)
        }, running.outcome().combined)
        signal(pid, tree)
        let outcome = FaultProcesses.finish(running, timeout: 60)
        let jobs = tree.filter(\.isJob).map(\.pid)
        XCTAssertTrue(FaultProcesses.wait(timeout: 5) { jobs.allSatisfy { kill($0, 0) != 0 } },
                      "job processes \(jobs) outlived the sweep")
        return (outcome, jobs, directory)
    }

    func testSIGTERMToMpirunEndsJobsKeepsResultsAndResumes() throws {
        let spec = try spec("sigterm")
        let ids = try SweepHarness.jobIDs(spec)
        let (outcome, _, directory) = try interrupt(spec: spec) { pid, _ in kill(pid, SIGTERM) }
        XCTAssertNotEqual(outcome.status, 0, outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("interrupted by SIGTERM"), outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("resume by running the same command again: "), outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("sweep \(spec) --out \(directory)"), outcome.combined)
        let landed = try FaultProcesses.assertIntact(directory, spec: spec)
        XCTAssertLessThan(landed.count, ids.count)

        let resumed = try SweepHarness.run(["sweep", spec, "--out", directory], ranks: 2)
        XCTAssertEqual(resumed.status, 0, resumed.combined)
        XCTAssertTrue(resumed.stdout.contains("\(landed.count) done"), resumed.stdout)
        XCTAssertEqual(try FaultProcesses.assertIntact(directory, spec: spec), Set(ids))
        XCTAssertEqual(SweepHarness.fuzziness(try SweepHarness.results(in: directory)), try FaultProcesses.reference(spec: spec))
    }

    func testSIGINTToMpirunEndsJobsAndKeepsResults() throws {
        let spec = try spec("sigint")
        let (outcome, _, directory) = try interrupt(spec: spec) { pid, _ in kill(pid, SIGINT) }
        XCTAssertNotEqual(outcome.status, 0, outcome.combined)
        // mpirun turns a SIGINT into SIGTERM for its ranks.
        XCTAssertTrue(outcome.stderr.contains("interrupted by SIG"), outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("resume by running the same command again"), outcome.combined)
        let landed = try FaultProcesses.assertIntact(directory, spec: spec)
        XCTAssertGreaterThanOrEqual(landed.count, 3)
        XCTAssertTrue(try SweepHarness.results(in: directory).allSatisfy { $0.status == .ok })
    }

    func testSlurmRequeueSIGTERMToEveryProcessThenSameCommandResumes() throws {
        let spec = try spec("requeue")
        let ids = try SweepHarness.jobIDs(spec)
        // Slurm signals every process of the allocation (mpirun, ranks and their jobs) at once.
        let (first, _, directory) = try interrupt(spec: spec) { pid, tree in
            for member in [pid] + tree.map(\.pid) { kill(member, SIGTERM) }
        }
        XCTAssertNotEqual(first.status, 0, first.combined)
        XCTAssertTrue(first.stderr.contains("resume by running the same command again"), first.combined)
        try FaultProcesses.assertIntact(directory, spec: spec)
        // A job killed by the requeue's SIGTERM is not a failure of the job: nothing is recorded for it.
        let stored = try SweepHarness.results(in: directory)
        XCTAssertTrue(stored.allSatisfy { $0.status == .ok }, "\(stored.map { ($0.id, $0.status, $0.message ?? "") })")

        let requeued = try SweepHarness.run(["sweep", spec, "--out", directory], ranks: 2)
        XCTAssertEqual(requeued.status, 0, requeued.combined)
        XCTAssertEqual(try FaultProcesses.assertIntact(directory, spec: spec), Set(ids))
        XCTAssertEqual(SweepHarness.fuzziness(try SweepHarness.results(in: directory)), try FaultProcesses.reference(spec: spec))
    }
}
