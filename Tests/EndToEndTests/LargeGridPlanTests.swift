import Foundation
import TestSupport
import XCTest

/// Issue 18, class 3 (bounds), through the real binary: a grid near the 1,000,000-job cap plans (each job's id,
/// network and memory estimate), and the table stays bounded unless `--all` asks for every job.
final class LargeGridPlanTests: XCTestCase {
    /// A GFNN grid of depth × width × learning rate × seeds = `depths` × 10 × `rates` × 100 jobs on the mixture
    /// (no data files needed).
    private func gridSpec(depths: Int, rates: Int) -> String {
        """
        name: large-grid
        dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
        model: {arch: gfnn, depth: 2, width: 16, batchnorm: true}
        train: {optimizer: sgd, lr: 0.05, epochs: 5, batch_size: 32}
        grid:
          model.depth: [\((1...depths).map(String.init).joined(separator: ", "))]
          model.width: [\((1...10).map { String(8 * $0) }.joined(separator: ", "))]
          train.lr: [\((0..<rates).map { "0.0\(1000 + $0)" }.joined(separator: ", "))]
        seeds: [\((0..<100).map(String.init).joined(separator: ", "))]

        """
    }

    func testAGridNearTheJobCapPlansWithABoundedTable() throws {
        // 200,000 jobs: a fifth of the cap (the release build plans the full cap in seconds; a debug build is slower).
        let spec = try SweepHarness.writeSpec(gridSpec(depths: 10, rates: 20))
        let outcome = try SweepHarness.run(["plan", spec], timeout: 600)
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines.first?.hasPrefix("sweep large-grid: 200000 jobs from") == true, String(lines.first ?? ""))
        XCTAssertTrue(outcome.stdout.contains("… and 199000 more jobs (`seplaw plan --all` lists every one)"), outcome.stdout.suffix(2000).description)
        XCTAssertLessThan(lines.count, 1100, "the table lists the first 1000 jobs only")
        // The last listed row is job 999: depth 1, width 8, the tenth learning rate, seed 99.
        let last = try XCTUnwrap(lines.first { $0.hasPrefix("999 ") })
        XCTAssertEqual(last.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).prefix(4), ["1", "8", "0.01009", "99"])
        XCTAssertTrue(outcome.stdout.contains("peak memory of the largest job:"), outcome.stdout.suffix(2000).description)
    }

    func testAllListsEveryJob() throws {
        let spec = try SweepHarness.writeSpec(gridSpec(depths: 1, rates: 2))
        let bounded = try SweepHarness.run(["plan", spec])
        XCTAssertEqual(bounded.status, 0, bounded.stderr)
        XCTAssertTrue(bounded.stdout.contains("… and 1000 more jobs"), bounded.stdout.suffix(2000).description)
        let all = try SweepHarness.run(["plan", spec, "--all"])
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertFalse(all.stdout.contains("more jobs"), all.stdout.suffix(2000).description)
        XCTAssertTrue(all.stdout.contains("\n1999 "), all.stdout.suffix(2000).description)
        XCTAssertFalse(all.stdout.contains("\n2000 "))
    }
}
