@testable import Sweep
import TestSupport
import XCTest

/// Resuming refuses a different spec (and `--force` switches), and tolerates a torn last line.
final class ResumeSafetyTests: XCTestCase {
    func testDifferentSpecIsRefusedUnderMPIAndForceSwitches() throws {
        _ = try SweepHarness.mpirun()
        let first = try SweepHarness.writeSpec(TinySpecs.grid(lr: "0.05"))
        let second = try SweepHarness.writeSpec(TinySpecs.grid(lr: "0.07"))
        let directory = try SweepHarness.temporaryDirectory("refuse").path
        XCTAssertEqual(try SweepHarness.run(["sweep", first, "--out", directory]).status, 0)
        let before = try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8)

        let refused = try SweepHarness.run(["sweep", second, "--out", directory], ranks: 2, timeout: 60)
        XCTAssertEqual(refused.status, 2, refused.combined)
        XCTAssertTrue(refused.stderr.contains("differs from"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("train.lr: 0.05 in the directory, 0.07 in the spec"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: directory + "/results.jsonl", encoding: .utf8), before)

        let forced = try SweepHarness.run(["sweep", second, "--out", directory, "--force"])
        XCTAssertEqual(forced.status, 0, forced.combined)
        XCTAssertEqual(Set(try SweepHarness.results(in: directory).map(\.id)), Set(try SweepHarness.jobIDs(second)))
        XCTAssertEqual(SweepHarness.lineCount(directory + "/superseded.jsonl"), 6)
    }

    func testTornLastLineIsIgnoredWithAWarningAndItsJobRunsAgain() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid())
        let directory = try SweepHarness.temporaryDirectory("torn").path
        XCTAssertEqual(try SweepHarness.run(["sweep", spec, "--out", directory]).status, 0)
        let path = directory + "/results.jsonl"
        let original = try SweepHarness.results(in: directory)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let last = lines.removeLast()
        let torn = lines.joined(separator: "\n") + "\n" + last.prefix(last.count / 2)
        try torn.write(toFile: path, atomically: true, encoding: .utf8)

        let resumed = try SweepHarness.run(["sweep", spec, "--out", directory])
        XCTAssertEqual(resumed.status, 0, resumed.combined)
        XCTAssertTrue(resumed.stderr.contains("torn last line"), resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("5 done, 1 new, 1 to run"), resumed.stdout)
        let final = try SweepHarness.results(in: directory)
        XCTAssertEqual(final.count, 6)
        XCTAssertEqual(SweepHarness.fuzziness(final), SweepHarness.fuzziness(original))
    }
}
