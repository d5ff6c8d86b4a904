import Foundation
@testable import Sweep
import TestSupport
import XCTest

final class SummaryTests: XCTestCase {
    func testGroupsByVaryingParametersExceptSeedWithStatistics() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0, 1, 2])
        var results = try spec.jobs.map { try StoreFixtures.okResult($0, rho: $0.model.depth == 1 ? 0.5 : 0.25) }
        results[5] = StoreFixtures.failedResult(spec.jobs[5], .diverged, message: "loss, \"nan\"")
        let summary = SweepSummary(name: "unit", results: results)

        XCTAssertEqual(summary.varyingKeys, ["model.depth"])
        XCTAssertEqual(summary.parameterKeys.prefix(2), ["model.depth", "seed"])
        XCTAssertEqual(summary.groups.count, 2)
        XCTAssertEqual(summary.statusCounts, ["ok": 5, "diverged": 1])
        let deep = summary.groups[1]
        XCTAssertEqual(deep.params, ["model.depth": .int(2)])
        XCTAssertEqual(deep.jobs, 3)
        XCTAssertEqual(deep.ok, 2)
        let rhos = results[3...4].map { $0.fit!.rho }
        XCTAssertEqual(deep.rhoMean!, (rhos[0] + rhos[1]) / 2, accuracy: 1e-12)
        XCTAssertEqual(deep.rhoSD!, abs(rhos[0] - rhos[1]) / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(deep.rWorst, results[3...4].map { $0.fit!.pearsonR }.max())
        XCTAssertEqual(deep.testAccuracyMean!, 0.7, accuracy: 1e-12)

        let markdown = summary.markdown
        XCTAssertTrue(markdown.contains("6 jobs: 5 ok, 1 diverged."), markdown)
        XCTAssertTrue(markdown.contains("| model.depth | jobs | ok | diverged | ρ mean ± sd | r mean | r worst | test acc |"), markdown)
        XCTAssertTrue(markdown.contains("| 2 | 3 | 2 | 1 | 0.2"), markdown)
        XCTAssertTrue(markdown.contains("## Failed jobs"), markdown)

        let csv = summary.csv.split(separator: "\n")
        XCTAssertEqual(csv.count, 7)
        XCTAssertTrue(csv[0].hasPrefix("id,status,model.depth,seed,"), String(csv[0]))
        XCTAssertTrue(csv[6].hasSuffix(",\"loss, \"\"nan\"\"\""), String(csv[6]))
        let json = try JSONSerialization.jsonObject(with: try summary.json()) as? [String: Any]
        XCTAssertEqual(json?["job_count"] as? Int, 6)
        XCTAssertEqual((json?["groups"] as? [Any])?.count, 2)
    }

    func testSummaryDoesNotDependOnResultOrderOrDuplicates() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2, 3], seeds: [0, 1])
        let results = try spec.jobs.map { try StoreFixtures.okResult($0) }
        let a = SweepSummary(name: "unit", results: results)
        let b = SweepSummary(name: "unit", results: results.reversed() + [results[2]])
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.csv, b.csv)
        XCTAssertEqual(a.markdown, b.markdown)
        XCTAssertEqual(try a.json(), try b.json())
    }

    func testMergingDirectoriesEqualsTheirUnionAndPrefersOk() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0, 1])
        let ok = try spec.jobs.map { try StoreFixtures.okResult($0) }
        let left = try StoreFixtures.temporaryDirectory("left"), right = try StoreFixtures.temporaryDirectory("right")
        let union = try StoreFixtures.temporaryDirectory("union")
        func write(_ results: [JobResult], to directory: String) throws {
            let store = try ResultStore(directory: directory, spec: spec)
            for result in results { try store.append(result) }
        }
        try write([ok[0], ok[1], StoreFixtures.failedResult(spec.jobs[2])], to: left)
        try write([ok[2], ok[3]], to: right)
        try write(ok, to: union)

        let merged = try ResultCollection.load(directories: [left, right])
        XCTAssertEqual(merged.name, "unit")
        let whole = try ResultCollection.load(directories: [union])
        let a = SweepSummary(name: merged.name, results: merged.results)
        let b = SweepSummary(name: whole.name, results: whole.results)
        XCTAssertEqual(a.csv, b.csv)
        XCTAssertEqual(a.markdown, b.markdown)

        let out = try StoreFixtures.temporaryDirectory("summary")
        let path = try SummaryFiles.write(a, to: out)
        XCTAssertEqual(path, out + "/summary.md")
        for name in ["summary.csv", "summary.json", "summary.md"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(name)"), name)
        }
    }

    func testMissingDirectoryIsAnErrorNamingIt() throws {
        XCTAssertThrowsError(try ResultCollection.load(directories: ["/nonexistent/seplaw-dir"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("/nonexistent/seplaw-dir: no results.jsonl"), "\(error)")
        }
    }
}
