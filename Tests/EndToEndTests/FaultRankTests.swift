@testable import Sweep
import TestSupport
import XCTest

/// A worker rank killed with SIGKILL mid-sweep: `mpirun` stops the sweep (rank 0 gets SIGTERM, stops
/// its jobs, keeps every stored result whole and says how to resume), the dead rank's job does not
/// outlive it, and the same command again completes with every job exactly once.
final class FaultRankTests: XCTestCase {
    func testWorkerRankKilledStopsCleanlyAndRerunResumes() throws {
        _ = try SweepHarness.mpirun()
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "rank-killed", epochs: 40, depths: [1, 2, 3, 4],
                                                             seeds: [0, 1, 2, 3]))
        let ids = try SweepHarness.jobIDs(spec)
        let directory = try SweepHarness.temporaryDirectory("rank-killed").path
        let running = try SweepHarness.start(["sweep", spec, "--out", directory], ranks: 2)
        let mpirunPID = running.process.processIdentifier

        var rank1: FaultProcesses.Member?
        var rank1Jobs: [Int32] = []
        XCTAssertTrue(FaultProcesses.wait(timeout: 120) {
            let tree = FaultProcesses.descendants(of: mpirunPID)
            rank1 = tree.first { $0.isSweepRank && $0.rank == 1 }
            guard let rank1 else { return false }
            rank1Jobs = FaultProcesses.descendants(of: rank1.pid).filter(\.isJob).map(\.pid)
            return SweepHarness.lineCount(directory + "/results.jsonl") >= 3 && !rank1Jobs.isEmpty
        }, "rank 1 never ran a job while 3 results landed: \(running.outcome().combined)")
        let victim = try XCTUnwrap(rank1)
        kill(victim.pid, SIGKILL)

        let stopped = FaultProcesses.finish(running, timeout: 60)
        XCTAssertNotEqual(stopped.status, 0, stopped.combined)
        XCTAssertTrue(stopped.stderr.contains("resume by running the same command again"), stopped.combined)
        XCTAssertTrue(FaultProcesses.wait(timeout: 5) { rank1Jobs.allSatisfy { kill($0, 0) != 0 } },
                      "the killed rank's job processes \(rank1Jobs) outlived it")
        let landed = try FaultProcesses.assertIntact(directory, spec: spec)
        XCTAssertLessThan(landed.count, ids.count, "the sweep finished before the rank was killed; make its jobs longer")

        let resumed = try SweepHarness.run(["sweep", spec, "--out", directory], ranks: 2)
        XCTAssertEqual(resumed.status, 0, resumed.combined)
        XCTAssertTrue(resumed.stdout.contains("\(landed.count) done"), resumed.stdout)
        XCTAssertEqual(try FaultProcesses.assertIntact(directory, spec: spec), Set(ids))
        XCTAssertEqual(SweepHarness.fuzziness(try SweepHarness.results(in: directory)), try FaultProcesses.reference(spec: spec))
    }
}
