@testable import Sweep
import TestSupport
import XCTest

/// `seplaw summarize` over two result directories equals one summary over their union.
final class SummarizeTests: XCTestCase {
    func testSummaryOfTwoDirectoriesEqualsSummaryOfTheirUnion() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(depths: [1, 2], seeds: [0, 1, 2]))
        let full = try SweepHarness.temporaryDirectory("full").path
        XCTAssertEqual(try SweepHarness.run(["sweep", spec, "--out", full]).status, 0)

        // Split the results between two directories, as if two clusters had run half each.
        let lines = try String(contentsOfFile: full + "/results.jsonl", encoding: .utf8).split(separator: "\n")
        let left = try SweepHarness.temporaryDirectory("left").path, right = try SweepHarness.temporaryDirectory("right").path
        for (directory, part) in [(left, lines.enumerated().filter { $0.offset % 2 == 0 }),
                                  (right, lines.enumerated().filter { $0.offset % 2 == 1 })] {
            try (part.map { $0.element + "\n" }.joined()).write(toFile: directory + "/results.jsonl", atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: full + "/sweep.yaml", toPath: directory + "/sweep.yaml")
        }
        let merged = try SweepHarness.temporaryDirectory("merged").path
        let union = try SweepHarness.temporaryDirectory("union").path
        let a = try SweepHarness.run(["summarize", right, left, "--out", merged])
        XCTAssertEqual(a.status, 0, a.combined)
        XCTAssertTrue(a.stdout.contains("summary: \(merged)/summary.md"), a.stdout)
        XCTAssertEqual(try SweepHarness.run(["summarize", full, "--out", union]).status, 0)

        for name in ["summary.csv", "summary.json", "summary.md"] {
            let expected = try String(contentsOfFile: "\(full)/\(name)", encoding: .utf8)
            XCTAssertEqual(try String(contentsOfFile: "\(merged)/\(name)", encoding: .utf8), expected, name)
            XCTAssertEqual(try String(contentsOfFile: "\(union)/\(name)", encoding: .utf8), expected, name)
        }
        XCTAssertEqual(SweepHarness.lineCount(merged + "/summary.csv"), 7)
    }
}
