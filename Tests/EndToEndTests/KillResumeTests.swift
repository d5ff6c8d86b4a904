@testable import Sweep
import TestSupport
import XCTest

/// `kill -9` of the whole `mpirun` mid-sweep, then the same command again: every job exactly once,
/// equal to an uninterrupted run.
final class KillResumeTests: XCTestCase {
    func testKillNineThenResumeEqualsUninterruptedRun() throws {
        _ = try SweepHarness.mpirun()
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "killed", epochs: 40, depths: [1, 2, 3, 4],
                                                             seeds: [0, 1, 2, 3]))
        let total = try SweepHarness.jobIDs(spec).count
        let directory = try SweepHarness.temporaryDirectory("killed").path
        let resultsPath = directory + "/results.jsonl"

        let running = try SweepHarness.start(["sweep", spec, "--out", directory], ranks: 2)
        let deadline = Date().addingTimeInterval(120)
        while SweepHarness.lineCount(resultsPath) < 3 && running.process.isRunning && Date() < deadline {
            usleep(10_000)
        }
        SweepHarness.killTree(running.process.processIdentifier)
        running.process.waitUntilExit()
        let landed = SweepHarness.lineCount(resultsPath)
        XCTAssertGreaterThanOrEqual(landed, 3, running.outcome().combined)
        XCTAssertLessThan(landed, total, "the sweep finished before it could be killed; make its jobs longer")

        let resumed = try SweepHarness.run(["sweep", spec, "--out", directory], ranks: 2)
        XCTAssertEqual(resumed.status, 0, resumed.combined)
        XCTAssertTrue(resumed.stdout.contains("\(landed) done"), resumed.stdout)

        let reference = try SweepHarness.temporaryDirectory("uninterrupted").path
        let clean = try SweepHarness.run(["sweep", spec, "--out", reference], ranks: 2)
        XCTAssertEqual(clean.status, 0, clean.combined)

        let final = try SweepHarness.results(in: directory)
        XCTAssertEqual(final.count, total, "results.jsonl must hold every job exactly once")
        XCTAssertEqual(Set(final.map(\.id)).count, total)
        XCTAssertEqual(Set(final.map(\.id)), Set(try SweepHarness.jobIDs(spec)))
        XCTAssertEqual(SweepHarness.fuzziness(final), SweepHarness.fuzziness(try SweepHarness.results(in: reference)))
    }
}
