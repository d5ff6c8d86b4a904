import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// The report marks a sweep that is still running or incomplete, and leaves out table columns nobody filled.
final class DirectoryStatusTests: XCTestCase {
    func testRunningIncompleteAndFinishedDirectories() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0])
        let directory = try StoreFixtures.temporaryDirectory("status")
        let one = [try StoreFixtures.okResult(spec.jobs[0])]
        do {
            let store = try ResultStore(directory: directory, spec: spec)
            let running = DirectoryStatus.of(directory: directory, results: one)
            XCTAssertEqual(running, DirectoryStatus(expected: 2, present: 1, running: true))
            XCTAssertEqual(running.note, "a sweep is still running in this directory: 1 of 2 jobs have results so far")
            _ = store
        }
        let stopped = DirectoryStatus.of(directory: directory, results: one)
        XCTAssertFalse(stopped.running, "the lock is released with the store")
        XCTAssertEqual(stopped.note, "incomplete: 1 of 2 jobs have results; run the sweep again to finish it")
        let all = try spec.jobs.map { try StoreFixtures.okResult($0) }
        XCTAssertNil(DirectoryStatus.of(directory: directory, results: all).note)
        XCTAssertNil(DirectoryStatus.of(directory: try StoreFixtures.temporaryDirectory("bare"), results: all).note,
                     "a directory without sweep.yaml (a merge) is not judged")

        let summary = SweepSummary(name: "unit", results: one)
        let html = HTMLReport(summary: summary, results: one, statusNote: stopped.note).html
        XCTAssertTrue(html.contains("<p class=\"status-note\"><b>Not finished:</b> incomplete: 1 of 2 jobs"), html)
        XCTAssertFalse(HTMLReport(summary: summary, results: one).html.contains("status-note\">"))
    }

    func testReportTablesLeaveOutColumnsEmptyInEveryRow() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0])
        var results = try spec.jobs.map { try StoreFixtures.okResult($0) }
        let html = HTMLReport(summary: SweepSummary(name: "unit", results: results), results: results).html
        for absent in ["minority cos (features)", "test-subsample ρ", "emergence epoch", "NC1 at L", "<th>message</th>"] {
            XCTAssertFalse(html.contains(absent), "\(absent) is empty in every row")
        }
        for present in ["<th>ρ mean</th>", "<th>test accuracy</th>", "<th>seconds</th>", "<th>model.depth</th>", "<th>seed</th>"] {
            XCTAssertTrue(html.contains(present), present)
        }
        results[1] = StoreFixtures.failedResult(spec.jobs[1], .crashed, message: "died on SIGILL")
        let withFailure = HTMLReport(summary: SweepSummary(name: "unit", results: results), results: results).html
        XCTAssertTrue(withFailure.contains("<th>message</th>"))
        XCTAssertTrue(withFailure.contains("<td class=\"text\">died on SIGILL</td>"))
        // Every row keeps as many cells as the header has columns.
        for table in withFailure.components(separatedBy: "<table").dropFirst() {
            let header = table.components(separatedBy: "</thead>")[0].components(separatedBy: "<th>").count - 1
            for row in table.components(separatedBy: "<tr data-").dropFirst() {
                XCTAssertEqual(row.components(separatedBy: "</tr>")[0].components(separatedBy: "<td").count - 1, header)
            }
        }
    }
}
