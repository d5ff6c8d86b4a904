@testable import Sweep
import TestSupport
import XCTest

/// A trapping, a diverging, a hanging and a garbage-writing job are each recorded with their status
/// while the others finish; the exit status is non-zero; `--retry-failed` re-runs only them.
final class FailureTests: XCTestCase {
    func testFailuresAreRecordedAndRetriedAlone() throws {
        _ = try SweepHarness.mpirun()
        let spec = try SweepHarness.writeSpec(TinySpecs.faults)
        let ids = try SweepHarness.jobIDs(spec)
        XCTAssertEqual(ids.count, 5)
        let (trap, hang, garbage, fine, diverge) = (ids[0], ids[1], ids[2], ids[3], ids[4])
        let directory = try SweepHarness.temporaryDirectory("faults").path
        let faults = "\(trap):trap,\(hang):hang,\(garbage):garbage"

        let first = try SweepHarness.run(["sweep", spec, "--out", directory, "--job-timeout", "4"], ranks: 2,
                                         environment: ["SEPLAW_INJECT_FAULT": faults])
        XCTAssertEqual(first.status, 1, first.combined)
        let results = Dictionary(uniqueKeysWithValues: try SweepHarness.results(in: directory).map { ($0.id, $0) })
        XCTAssertEqual(results.count, 5)
        XCTAssertEqual(results[trap]?.status, .crashed)
        XCTAssertTrue(results[trap]?.message?.contains("SIG") ?? false, results[trap]?.message ?? "")
        XCTAssertEqual(results[hang]?.status, .timeout)
        XCTAssertEqual(results[garbage]?.status, .error)
        XCTAssertTrue(results[garbage]?.message?.contains("no valid result") ?? false, results[garbage]?.message ?? "")
        XCTAssertEqual(results[diverge]?.status, .diverged)
        XCTAssertEqual(results[fine]?.status, .ok)
        let failedList = try String(contentsOfFile: directory + "/failed.txt", encoding: .utf8)
        XCTAssertEqual(Set(failedList.split(separator: "\n").map { String($0.prefix(16)) }), [trap, hang, garbage, diverge])
        let trapLog = try String(contentsOfFile: "\(directory)/logs/\(trap).log", encoding: .utf8)
        XCTAssertTrue(trapLog.contains("injected fault"), trapLog)

        // Without the injected faults: the three isolation failures now succeed; divergence is deterministic.
        let retry = try SweepHarness.run(["sweep", spec, "--out", directory, "--retry-failed", "--job-timeout", "60"], ranks: 2)
        // Only a divergence is left: a result of the sweep, with its own exit status (3), not a fault (1).
        XCTAssertEqual(retry.status, 3, retry.combined)
        XCTAssertTrue(retry.stdout.contains("1 job diverged"), retry.stdout)
        XCTAssertFalse(retry.stdout.contains("failed (listed in"), retry.stdout)
        XCTAssertTrue(retry.stdout.contains("4 failed to retry, 4 to run"), retry.stdout)
        let after = try SweepHarness.results(in: directory)
        XCTAssertEqual(after.count, 5, "each job exactly once after a retry")
        let byID = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
        for id in [trap, hang, garbage, fine] { XCTAssertEqual(byID[id]?.status, .ok, id) }
        XCTAssertEqual(byID[diverge]?.status, .diverged)
        XCTAssertEqual(byID[fine], results[fine], "an ok job must not run again")
        XCTAssertEqual(try String(contentsOfFile: directory + "/failed.txt", encoding: .utf8).split(separator: "\n").count, 1)
    }
}
