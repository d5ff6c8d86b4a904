import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport
import XCTest
@testable import Sweep

/// `seplaw run SPEC --job N --out DIR` (job arrays without Slurm): concurrent processes append to one
/// result directory under its lock; the directory is then the same as a sweep's.
final class RunOutTests: XCTestCase {
    func testConcurrentRunsFillOneDirectoryThatSweepResumes() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "run-out"))
        let ids = try SweepHarness.jobIDs(spec)
        let out = try SweepHarness.temporaryDirectory("run-out").path + "/results"
        let running = try ids.indices.map { try SweepHarness.start(["run", spec, "--job", String($0), "--out", out]) }
        for process in running { process.process.waitUntilExit() }
        for process in running { XCTAssertEqual(process.process.terminationStatus, 0, process.outcome().combined) }

        let results = try SweepHarness.results(in: out)
        XCTAssertEqual(results.count, ids.count)
        XCTAssertEqual(Set(results.map(\.id)), Set(ids))
        XCTAssertEqual(try ResolvedSweep.parse(String(contentsOfFile: out + "/sweep.yaml", encoding: .utf8), file: "sweep.yaml"),
                       ResolvedSweep(spec: try SweepSpec.load(path: spec)))

        let again = try SweepHarness.run(["run", spec, "--job", "3", "--out", out])
        XCTAssertEqual(again.status, 0, again.combined)
        XCTAssertTrue(again.stdout.contains("already has an ok result"), again.stdout)
        XCTAssertEqual(SweepHarness.lineCount(out + "/results.jsonl"), ids.count)

        let sweep = try SweepHarness.run(["sweep", spec, "--out", out])
        XCTAssertEqual(sweep.status, 0, sweep.combined)
        XCTAssertTrue(sweep.stdout.contains("\(ids.count) jobs: \(ids.count) done, 0 to run"), sweep.stdout)
    }

    /// Results equal those of `seplaw sweep` bit for bit (the same job, the same computation).
    func testResultEqualsSweepResult() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "run-out-equal", depths: [2], seeds: [0]))
        let out = try SweepHarness.temporaryDirectory("run-out-equal").path
        let reference = try SweepHarness.temporaryDirectory("run-out-reference").path
        XCTAssertEqual(try SweepHarness.run(["run", spec, "--job", "0", "--out", out]).status, 0)
        XCTAssertEqual(try SweepHarness.run(["sweep", spec, "--out", reference]).status, 0)
        XCTAssertEqual(SweepHarness.fuzziness(try SweepHarness.results(in: out)),
                       SweepHarness.fuzziness(try SweepHarness.results(in: reference)))
    }

    func testDirectoryOfAnotherSweepIsRefused() throws {
        let out = try SweepHarness.temporaryDirectory("run-out-other").path
        let first = try SweepHarness.writeSpec(TinySpecs.grid(name: "first", depths: [1], seeds: [0]))
        let second = try SweepHarness.writeSpec(TinySpecs.grid(name: "second", depths: [2], seeds: [0]))
        XCTAssertEqual(try SweepHarness.run(["run", first, "--job", "0", "--out", out]).status, 0)
        let refused = try SweepHarness.run(["run", second, "--job", "0", "--out", out])
        XCTAssertEqual(refused.status, 2, refused.combined)
        XCTAssertTrue(refused.stderr.contains("differs from \(second)"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("model.depth: 1 in the directory, 2 in the spec"), refused.stderr)
        XCTAssertFalse(refused.stdout.contains("seconds:"), "the refused job must not run:\n\(refused.stdout)")
        XCTAssertEqual(SweepHarness.lineCount(out + "/results.jsonl"), 1)
    }

    /// A directory whose lock another process holds: the run says it is waiting, then stores its result once
    /// the lock is free.
    func testWaitingForTheLockIsSaid() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "run-out-wait", depths: [1], seeds: [0]))
        let out = try SweepHarness.temporaryDirectory("run-out-wait").path
        let fd = open(out + "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let running = try SweepHarness.start(["run", spec, "--job", "0", "--out", out])
        usleep(1_500_000)
        XCTAssertTrue(running.process.isRunning, "the run must wait for the lock")
        _ = flock(fd, LOCK_UN)
        close(fd)
        running.process.waitUntilExit()
        let outcome = running.outcome()
        XCTAssertEqual(running.process.terminationStatus, 0, outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("\(out): another seplaw process (a `seplaw sweep`?) holds this directory's lock; waiting up to 600 s"),
                      outcome.stderr)
        XCTAssertEqual(SweepHarness.lineCount(out + "/results.jsonl"), 1)
    }

    func testTornLastLineIsCutBeforeAppending() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "run-out-torn", depths: [1, 2], seeds: [0]))
        let out = try SweepHarness.temporaryDirectory("run-out-torn").path
        XCTAssertEqual(try SweepHarness.run(["run", spec, "--job", "0", "--out", out]).status, 0)
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: out + "/results.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"id\": \"torn".utf8))
        handle.closeFile()
        let appended = try SweepHarness.run(["run", spec, "--job", "1", "--out", out])
        XCTAssertEqual(appended.status, 0, appended.combined)
        let results = try SweepHarness.results(in: out)
        XCTAssertEqual(Set(results.map(\.id)), Set(try SweepHarness.jobIDs(spec)))
        XCTAssertEqual(results.count, 2)
    }
}
