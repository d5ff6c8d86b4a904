import Foundation
import Separation
@testable import Sweep
import TestSupport
import XCTest

/// The HTML report from fixture results: self-contained, every job drawn, figures chosen by the axes.
final class ReportHTMLTests: XCTestCase {
    private func results(lrs: [String] = ["0.05"], depths: [Int] = [1, 2]) throws -> [JobResult] {
        var all: [JobResult] = []
        for lr in lrs {
            let spec = try StoreFixtures.spec(lr: lr, depths: depths, seeds: [0, 1])
            all += try spec.jobs.map { try StoreFixtures.okResult($0, rho: 0.3 + 0.1 * Double($0.model.depth)) }
        }
        return all
    }

    func testReportIsSelfContainedAndDrawsEveryJob() throws {
        var all = try results()
        all[0].dynamics = try [0, 5, 10].map { epoch in
            let ds = [10.0, 10 / Double(epoch + 1), 10 / Double((epoch + 1) * (epoch + 1))]
            return DynamicsPoint(epoch: epoch, loss: 1, trainAccuracy: 0.5, learningRate: epoch < 10 ? 0.1 : 0.01,
                                 D: ds, fit: try? LawFit(fuzziness: ds), testD: nil, testFit: nil)
        }
        let failed = StoreFixtures.failedResult(try StoreFixtures.spec(depths: [3], seeds: [0]).jobs[0])
        all.append(failed)
        let summary = SweepSummary(name: "unit <&>", results: all)
        let html = HTMLReport(summary: summary, results: all).html

        for forbidden in ["<script", "<link", "@import", "url(", "<iframe", "<img", "http://", "https://"] {
            let hits = html.components(separatedBy: forbidden).count - 1
            let allowed = forbidden == "http://" ? html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1 : 0
            XCTAssertEqual(hits, allowed, "the report must not fetch anything: found \(forbidden)")
        }
        XCTAssertTrue(html.contains("unit &lt;&amp;&gt;"))
        for result in all {
            XCTAssertTrue(html.contains("<tr data-job=\"\(result.id)\""), "job \(result.id) missing from the table")
        }
        for result in all where result.status == .ok {
            let group = try XCTUnwrap(Self.jobGroups(in: html, id: result.id).first, "no SVG group for \(result.id)")
            XCTAssertEqual(group.components(separatedBy: "class=\"point\"").count - 1, result.layers.count)
            XCTAssertEqual(group.components(separatedBy: "class=\"fit\"").count - 1, 1)
        }
        XCTAssertTrue(html.contains("id=\"dynamics\""))
        XCTAssertTrue(html.contains("class=\"milestone\""))
        XCTAssertTrue(html.contains("id=\"axes\""))
        XCTAssertFalse(html.contains("id=\"heatmap\""), "one varying key: no heat map")
        XCTAssertTrue(html.contains("no job of this group ended ok"))
    }

    func testTwoVaryingAxesGiveAHeatMapAndALogLearningRateAxis() throws {
        let all = try results(lrs: ["0.01", "0.1", "1.0"])
        let summary = SweepSummary(name: "two", results: all)
        XCTAssertEqual(summary.varyingKeys, ["model.depth", "train.lr"])
        let report = HTMLReport(summary: summary, results: all)
        let html = report.html
        XCTAssertTrue(html.contains("id=\"heatmap\""))
        XCTAssertEqual(html.components(separatedBy: "class=\"heat-cell\"").count - 1, 6)
        XCTAssertTrue(report.isLogAxis("train.lr"))
        XCTAssertFalse(report.isLogAxis("model.depth"))
        XCTAssertTrue(html.contains("train.lr (log scale)"))
        XCTAssertFalse(html.contains("id=\"dynamics\""))
    }

    func testScalesPlaceValuesAndPickTicks() {
        let linear = PlotScale(covering: [0, 10], start: 0, end: 100)
        XCTAssertLessThan(linear(0), linear(10))
        XCTAssertTrue(linear.ticks().contains(5))
        let log = PlotScale(covering: [0.001, 1], start: 100, end: 0, log: true)
        XCTAssertEqual(log(0.01) - log(0.001), log(0.1) - log(0.01), accuracy: 1e-9)
        XCTAssertTrue(log.ticks().contains(0.01))
        XCTAssertEqual(PlotScale.label(0.0001), "1e-4")
        XCTAssertEqual(SVG.escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;")
    }

    /// The text of every `<g class="job" data-job="ID">…</g>` in `html`.
    static func jobGroups(in html: String, id: String) -> [String] {
        let open = "<g class=\"job\" data-job=\"\(id)\">"
        return html.components(separatedBy: open).dropFirst().map { part in
            part.components(separatedBy: "</g>").first ?? ""
        }
    }
}
