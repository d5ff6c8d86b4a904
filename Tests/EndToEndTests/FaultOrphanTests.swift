@testable import Sweep
import TestSupport
import XCTest

/// Regression (found by the AddressSanitizer run of FailureTests, where a trapping job's Swift crash
/// backtracer outlived the job past --job-timeout): a job whose process ends while a process it
/// started, in another process group, still holds its outputs used to keep the rank waiting for an
/// end of file forever, spinning in poll(…, 0) once the job's deadline had passed. Now the job is
/// recorded 2 s after its process ended, with a note in its log, and the sweep goes on.
final class FaultOrphanTests: XCTestCase {
    func testJobWhoseDescendantHoldsItsOutputIsRecordedAndSweepEnds() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "orphan", epochs: 5, depths: [1, 2], seeds: [0]))
        let ids = try SweepHarness.jobIDs(spec)
        let directory = try SweepHarness.temporaryDirectory("orphan").path
        let started = Date()
        // The orphan sleeps 40 s: a sweep still waiting on it would take longer than that. The time-out only
        // has to spare the other job in slow (sanitizer) builds.
        let outcome = try SweepHarness.run(["sweep", spec, "--out", directory, "--slots", "1", "--job-timeout", "25"],
                                           environment: ["SEPLAW_INJECT_FAULT": "\(ids[0]):orphan"], timeout: 90)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(outcome.status, 1, outcome.combined)
        XCTAssertLessThan(elapsed, 30, "the sweep waited for the job's orphan")
        let results = Dictionary(uniqueKeysWithValues: try SweepHarness.results(in: directory).map { ($0.id, $0) })
        XCTAssertEqual(results[ids[0]]?.status, .error)
        XCTAssertTrue(results[ids[0]]?.message?.contains("exited with status 3") ?? false, results[ids[0]]?.message ?? "")
        XCTAssertEqual(results[ids[1]]?.status, .ok)
        let log = try String(contentsOfFile: "\(directory)/logs/\(ids[0]).log", encoding: .utf8)
        XCTAssertTrue(log.contains("still held its output open"), log)
        // End the orphan this test started (its pid is in the job's log).
        if let line = log.split(separator: "\n").first(where: { $0.hasPrefix("orphan: started") }),
           let pid = line.split(separator: " ").compactMap({ Int32($0) }).first {
            kill(pid, SIGKILL)
        }
    }
}
