import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// layers.csv and groups.csv read back against the results they were written from.
final class TidyTablesTests: XCTestCase {
    func testTheCSVReaderOfTheseTestsReadsQuotedFields() {
        let (header, rows) = CSVRecords.read("a,b\n\"x, \"\"y\"\"\",2\n")
        XCTAssertEqual(header, ["a", "b"])
        XCTAssertEqual(rows, [["a": "x, \"y\"", "b": "2"]])
    }

    private func results() throws -> [JobResult] {
        let jobs = try StoreFixtures.spec(depths: [1, 2], seeds: [0, 1]).jobs
        var results = try jobs.dropLast().map { try StoreFixtures.okResult($0, rho: 0.5 + 0.1 * Double($0.model.depth)) }
        results.append(StoreFixtures.failedResult(jobs[3], .diverged, message: "loss became nan"))
        return results
    }

    func testLayersTableHasOneRowPerMeasuredLayerWithTheResultsValues() throws {
        let results = try results()
        let summary = SweepSummary(name: "unit", results: results)
        let (header, rows) = CSVRecords.read(TidyTables.layersCSV(summary, results: results))
        XCTAssertEqual(header, ["id", "status", "model.depth", "seed", "layer", "name", "dim", "D", "log_D", "fitted_log_D"],
                       "NC1, nearest-centre accuracy and test D are never measured here, so their columns are left out")
        XCTAssertEqual(rows.count, results.reduce(0) { $0 + $1.layers.count })
        for result in results {
            let mine = rows.filter { $0["id"] == result.id }
            XCTAssertEqual(mine.count, result.layers.count, result.id)
            for (row, layer) in zip(mine, result.layers) {
                XCTAssertEqual(row["layer"], String(layer.index))
                XCTAssertEqual(row["name"], layer.name)
                XCTAssertEqual(row["dim"], String(layer.dim))
                XCTAssertEqual(row["model.depth"], String(result.spec.model.depth))
                XCTAssertEqual(row["seed"], String(result.spec.seed))
                XCTAssertEqual(Double(row["D"] ?? ""), layer.D, "D round-trips exactly")
                XCTAssertEqual(Double(row["log_D"] ?? ""), log(layer.D))
                let fit = try XCTUnwrap(result.fit)
                XCTAssertEqual(try XCTUnwrap(Double(row["fitted_log_D"] ?? "")), fit.intercept + fit.slope * Double(layer.index),
                               accuracy: 1e-12)
            }
        }
    }

    func testGroupsTableRepeatsTheSummaryGroupsWithDivergences() throws {
        let results = try results()
        let summary = SweepSummary(name: "unit", results: results)
        let (header, rows) = CSVRecords.read(TidyTables.groupsCSV(summary))
        XCTAssertEqual(Array(header.prefix(4)), ["model.depth", "jobs", "ok", "diverged"])
        XCTAssertFalse(header.contains("test_rho_mean"), "empty columns are left out")
        XCTAssertEqual(rows.count, summary.groups.count)
        for (row, group) in zip(rows, summary.groups) {
            XCTAssertEqual(row["model.depth"], group.params["model.depth"]?.json)
            XCTAssertEqual(row["jobs"], String(group.jobs))
            XCTAssertEqual(row["ok"], String(group.ok))
            XCTAssertEqual(Double(row["rho_mean"] ?? ""), group.rhoMean)
            XCTAssertEqual(Double(row["r_worst"] ?? ""), group.rWorst)
        }
        XCTAssertEqual(rows.map { $0["diverged"] }, ["0", "1"])
    }

    func testSummaryCSVHasSlopeAndIntercept() throws {
        let results = try results()
        let summary = SweepSummary(name: "unit", results: results)
        let (header, rows) = CSVRecords.read(summary.csv)
        XCTAssertTrue(header.contains("slope") && header.contains("intercept"), "\(header)")
        for row in rows {
            guard let result = results.first(where: { $0.id == row["id"] }) else { return XCTFail("unknown id") }
            XCTAssertEqual(Double(row["slope"] ?? ""), result.fit?.slope)
            XCTAssertEqual(Double(row["intercept"] ?? ""), result.fit?.intercept)
        }
    }

    func testDivergedJobsAreCountedInTheGroupTable() throws {
        let summary = SweepSummary(name: "unit", results: try results())
        XCTAssertTrue(summary.groupTable.hasPrefix("| model.depth | jobs | ok | diverged |"), summary.groupTable)
        let depth2 = try XCTUnwrap(summary.groupTable.split(separator: "\n").first { $0.hasPrefix("| 2 |") })
        XCTAssertTrue(depth2.hasPrefix("| 2 | 2 | 1 | 1 |"), String(depth2))
    }

    func testAGroupThatOnlyDivergedIsShownAsDivergedInTheTableAndHeatMap() throws {
        let spec = try SweepSpec.parse(yaml: StoreFixtures.specText(depths: [1, 2], seeds: [0])
            .replacingOccurrences(of: "grid: {", with: "grid: {train.lr: [0.1, 100], "), file: "lr.yaml")
        let results = try spec.jobs.map { job in
            job.train.lr > 1 ? StoreFixtures.failedResult(job, .diverged, message: "loss became inf") : try StoreFixtures.okResult(job)
        }
        let summary = SweepSummary(name: "lr", results: results)
        XCTAssertEqual(summary.varyingKeys, ["model.depth", "train.lr"])
        let rows = summary.groupTable.split(separator: "\n").filter { $0.contains("| 100.0 |") }
        XCTAssertEqual(rows.count, 2)
        for row in rows { XCTAssertTrue(row.contains("| 1 | 0 | 1 | diverged |"), String(row)) }
        let html = HTMLReport(summary: summary, results: results).html
        XCTAssertEqual(html.components(separatedBy: "class=\"heat-cell diverged\"").count - 1, 2, "one diverged cell per depth")
        XCTAssertTrue(html.contains("every job diverged"), "the legend explains the colour")
    }

    func testListParametersAreJSONInTidyTables() {
        XCTAssertEqual(TidyTables.cell(.list([.double(0.9), .double(0.999)])), "[0.9,0.999]")
        XCTAssertEqual(TidyTables.cell(.string("adam")), "adam")
    }
}
