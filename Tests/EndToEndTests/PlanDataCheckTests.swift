import Foundation
import TestSupport
import XCTest

/// `seplaw plan` (and `run`, `sweep`) check the data before any job runs: the directory and files exist and each
/// class holds the images a job samples; the error names the key.
final class PlanDataCheckTests: XCTestCase {
    func testAMissingDirectoryIsRefusedAtPlanTime() throws {
        let spec = try SweepHarness.writeSpec("""
            dataset: {name: mnist, path: /nonexistent-seplaw/mnist, resize: 10, per_class: 10}
            model: {depth: 1, width: 8}
            train: {epochs: 1}
            """)
        for command in [["plan", spec], ["run", spec]] {
            let outcome = try SweepHarness.run(command)
            XCTAssertNotEqual(outcome.status, 0, outcome.combined)
            XCTAssertTrue(outcome.stderr.contains("dataset.path") && outcome.stderr.contains("/nonexistent-seplaw/mnist"),
                          outcome.stderr)
        }
        let listed = try SweepHarness.run(["plan", spec])
        XCTAssertTrue(listed.stdout.contains("1 job from"), "plan lists the jobs before refusing them: \(listed.combined)")
        let elsewhere = try SweepHarness.run(["plan", spec, "--no-data-check"])
        XCTAssertEqual(elsewhere.status, 0, "planning for another machine: \(elsewhere.combined)")
        XCTAssertTrue(elsewhere.stdout.contains("1 job from"), elsewhere.combined)
    }

    func testASampleLargerThanAClassIsRefusedNamingTheKey() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        let cases = [("per_class: 6001", "dataset.per_class", "holds only 6000"),
                     ("class_counts: [10, 10, 10, 10, 10, 10, 10, 10, 10, 7000]", "dataset.class_counts[9]", "holds 6000"),
                     ("per_class: 10, test_per_class: 1001", "dataset.test_per_class", "holds only 1000")]
        for (sample, key, fragment) in cases {
            let spec = try SweepHarness.writeSpec("""
                dataset: {name: fashion-mnist, resize: 10, \(sample)}
                model: {depth: 1, width: 8}
                train: {epochs: 1}
                """)
            let outcome = try SweepHarness.run(["plan", spec])
            XCTAssertNotEqual(outcome.status, 0, outcome.combined)
            XCTAssertTrue(outcome.stderr.contains(key) && outcome.stderr.contains(fragment), outcome.stderr)
        }
        let fits = try SweepHarness.writeSpec("""
            dataset: {name: fashion-mnist, resize: 10, per_class: 6000, test_per_class: 1000}
            model: {depth: 1, width: 8}
            train: {epochs: 1}
            """)
        let outcome = try SweepHarness.run(["plan", fits])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
    }
}
