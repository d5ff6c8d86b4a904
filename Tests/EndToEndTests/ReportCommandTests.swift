import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// A small real sweep writes report.html whose numbers equal summary.json; `seplaw report` rewrites it.
final class ReportCommandTests: XCTestCase {
    static let spec = """
        name: report-tiny
        dataset: {name: gaussian, dimension: 16, separation: 1.5, per_class: 24, test_per_class: 12}
        model: {depth: 2, width: 12, batchnorm: true}
        train: {optimizer: momentum, lr: 0.05, epochs: 6, batch_size: 16}
        measure: {every: 2, test_per_class: 6}
        grid: {model.depth: [1, 2], train.lr: [0.02, 0.1]}
        seeds: [0, 1]

        """

    func testSweepReportMatchesSummaryJSONAndReportCommandRewritesIt() throws {
        let spec = try SweepHarness.writeSpec(Self.spec)
        let out = try SweepHarness.temporaryDirectory("report").path
        let sweep = try SweepHarness.run(["sweep", spec, "--out", out])
        XCTAssertEqual(sweep.status, 0, sweep.combined)
        XCTAssertTrue(sweep.stdout.contains("report: \(out)/report.html"), sweep.stdout)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        // JSONDecoder reads numbers exactly (JSONSerialization on Linux can be off in the last digit).
        let summary = try JSONDecoder().decode(SummaryNumbers.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
        let jobs = summary.jobs.map(\.values), groups = summary.groups.map(\.values)
        XCTAssertEqual(jobs.count, 8)
        XCTAssertEqual(groups.count, 4)

        // Every job: a table row whose numbers equal summary.json, and an SVG group with its points and line.
        for job in jobs {
            let id = try XCTUnwrap(job["id"] as? String)
            let row = try XCTUnwrap(Self.row(in: html, attribute: "data-job=\"\(id)\""), "no row for job \(id)")
            try Self.assertCells(row, equal: job, context: "job \(id)")
            let results = try SweepHarness.results(in: out)
            let layers = try XCTUnwrap(results.first { $0.id == id }?.layers.count)
            let svgGroups = html.components(separatedBy: "<g class=\"job\" data-job=\"\(id)\">").dropFirst()
                .map { $0.components(separatedBy: "</g>")[0] }
            XCTAssertGreaterThanOrEqual(svgGroups.count, 2, "job \(id): law panel and dynamics curves")
            XCTAssertEqual(svgGroups[0].components(separatedBy: "class=\"point\"").count - 1, layers)
            XCTAssertEqual(svgGroups[0].components(separatedBy: "class=\"fit\"").count - 1, 1)
            XCTAssertEqual(svgGroups[0].components(separatedBy: "class=\"test-point\"").count - 1, layers)
        }
        for (index, group) in groups.enumerated() {
            let row = try XCTUnwrap(Self.row(in: html, attribute: "data-group=\"\(index)\""), "no row for group \(index)")
            try Self.assertCells(row, equal: group, context: "group \(index)")
        }
        XCTAssertTrue(html.contains("id=\"heatmap\"") && html.contains("id=\"dynamics\"") && html.contains("train.lr (log scale)"))

        // `seplaw report DIR` writes the same page again.
        try FileManager.default.removeItem(atPath: out + "/report.html")
        let report = try SweepHarness.run(["report", out])
        XCTAssertEqual(report.status, 0, report.combined)
        XCTAssertEqual(try String(contentsOfFile: out + "/report.html", encoding: .utf8), html)
        let missing = try SweepHarness.run(["report", out + "/nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("results.jsonl"), missing.stderr)
    }

    /// The `<tr …attribute…>…</tr>` in `html`.
    static func row(in html: String, attribute: String) -> String? {
        guard let start = html.range(of: "<tr " + attribute) else { return nil }
        guard let end = html.range(of: "</tr>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Every `data-key="K" data-value="V"` cell of `row` equals `object[K]`, and every number of `object`
    /// that the row shows a cell for is filled exactly when the JSON has it.
    static func assertCells(_ row: String, equal object: [String: Any], context: String,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let pattern = try NSRegularExpression(pattern: #"data-key="([^"]+)"( data-value="([^"]+)")?"#)
        let matches = pattern.matches(in: row, range: NSRange(row.startIndex..., in: row))
        XCTAssertGreaterThan(matches.count, 5, context, file: file, line: line)
        for match in matches {
            let key = String(row[Range(match.range(at: 1), in: row)!])
            let expected = object[key]
            guard let valueRange = Range(match.range(at: 3), in: row) else {
                XCTAssertTrue(expected == nil || expected is NSNull, "\(context): \(key) is \(String(describing: expected)) in "
                              + "summary.json but empty in the report", file: file, line: line)
                continue
            }
            let shown = Double(row[valueRange])
            let number = expected as? Double
            XCTAssertNotNil(number, "\(context): \(key) shown but absent from summary.json", file: file, line: line)
            XCTAssertEqual(shown, number, "\(context): \(key)", file: file, line: line)
        }
    }
}

/// summary.json's jobs and groups as key → value maps (numbers as Double, strings kept, the rest dropped).
private struct SummaryNumbers: Decodable {
    struct Values: Decodable {
        var values: [String: Any] = [:]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            for key in container.allKeys {
                if let number = try? container.decode(Double.self, forKey: key) {
                    values[key.stringValue] = number
                } else if let text = try? container.decode(String.self, forKey: key) {
                    values[key.stringValue] = text
                }
            }
        }
    }

    let jobs: [Values]
    let groups: [Values]
}
