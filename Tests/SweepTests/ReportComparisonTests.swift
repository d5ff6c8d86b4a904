import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// The report's shared-axis figures (D_l/D_0 per value of each varying parameter, test accuracy against the
/// learning rate) carry the numbers of an independent computation; every figure is also a standalone SVG.
final class ReportComparisonTests: XCTestCase {
    private func results() throws -> [JobResult] {
        var all: [JobResult] = []
        for (index, lr) in ["0.01", "0.1"].enumerated() {
            let spec = try StoreFixtures.spec(lr: lr, depths: [1, 2, 3], seeds: [0, 1])
            all += try spec.jobs.map {
                try StoreFixtures.okResult($0, rho: 0.3 + 0.1 * Double($0.model.depth), accuracy: 0.6 + 0.1 * Double(index + $0.model.depth))
            }
        }
        return all
    }

    /// The value of `data-value` on each element of `html` carrying `marker` (in order).
    private func values(in html: String, after marker: String) -> [Double] {
        html.components(separatedBy: marker).dropFirst().compactMap { part in
            part.components(separatedBy: "data-value=\"").dropFirst().first?.split(separator: "\"").first.flatMap { Double($0) }
        }
    }

    func testDecayProfilesAreGeometricMeansOfTheRatiosPerValue() throws {
        let all = try results()
        let summary = SweepSummary(name: "compare", results: all)
        let report = HTMLReport(summary: summary, results: all)
        let html = report.html
        for key in summary.varyingKeys {
            let profiles = report.decayProfiles(for: key)
            XCTAssertEqual(profiles.count, key == "model.depth" ? 3 : 2)
            for profile in profiles {
                let jobs = all.filter { $0.spec.params[key] == profile.value }
                for point in profile.points {
                    // Independent: the product of the ratios, then its n-th root.
                    let ratios = jobs.compactMap { job in job.layers.first { $0.index == point.layer }.map { $0.D / job.layers[0].D } }
                    let expected = pow(ratios.reduce(1, *), 1 / Double(ratios.count))
                    XCTAssertEqual(point.ratio, expected, accuracy: 1e-12 * expected)
                    XCTAssertEqual(point.jobs, ratios.count)
                }
                let series = try XCTUnwrap(html.components(separatedBy: "data-key=\"\(key)\" data-series=\"\(profile.value.json)\"")
                    .dropFirst().first?.components(separatedBy: "</g>").first, "no line for \(key) = \(profile.value)")
                XCTAssertEqual(values(in: series, after: "<circle"), profile.points.map(\.ratio), "the drawn numbers")
            }
        }
    }

    func testAccuracyAgainstLearningRateDrawsTheGroupMeans() throws {
        let all = try results()
        let summary = SweepSummary(name: "compare", results: all)
        let html = HTMLReport(summary: summary, results: all).html
        let section = try XCTUnwrap(html.components(separatedBy: "data-compare=\"accuracy-lr\"").dropFirst().first)
        let drawn = values(in: section.components(separatedBy: "</figure>")[0], after: "class=\"mean\"")
        XCTAssertEqual(drawn.sorted(), summary.groups.compactMap(\.testAccuracyMean).sorted())
        XCTAssertEqual(drawn.count, summary.groups.count)
        let oneRate = try StoreFixtures.spec(depths: [1, 2], seeds: [0]).jobs.map { try StoreFixtures.okResult($0) }
        let withoutLR = HTMLReport(summary: SweepSummary(name: "depth", results: oneRate), results: oneRate).html
        XCTAssertFalse(withoutLR.contains("data-compare=\"accuracy-lr\""), "only when the learning rate varies")
    }

    func testEveryFigureIsAlsoAStandaloneSVG() throws {
        let all = try results()
        let summary = SweepSummary(name: "compare", results: all)
        let html = HTMLReport(summary: summary, results: all).html
        let figures = HTMLReport.standaloneFigures(of: html)
        XCTAssertEqual(figures.count, html.components(separatedBy: "<svg ").count - 1)
        XCTAssertEqual(Set(figures.map(\.name)).count, figures.count, "distinct names")
        XCTAssertTrue(figures.contains { $0.name.hasSuffix("-d-l-over-d-0-by-train-lr.svg") }, "\(figures.map(\.name))")
        for figure in figures {
            XCTAssertTrue(figure.svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), figure.name)
            XCTAssertTrue(Self.tagsBalance(figure.svg), "\(figure.name): every element is closed in order")
            XCTAssertTrue(figure.svg.contains("<style>"), "a standalone figure carries its style")
        }

        XCTAssertFalse(Self.tagsBalance("<g><text></g></text>"), "the check can fail")
        let directory = try StoreFixtures.temporaryDirectory("figures")
        try FileIO.makeDirectory(directory + "/figures")
        try "<svg/>".write(toFile: directory + "/figures/99-stale.svg", atomically: true, encoding: .utf8)
        _ = try HTMLReport.write(summary: summary, results: all, to: directory)
        let written = try FileManager.default.contentsOfDirectory(atPath: directory + "/figures").sorted()
        XCTAssertEqual(written, figures.map(\.name).sorted(), "the figures of this report, and no stale ones")
    }

    /// Whether every opened element is closed, innermost first (comments and the XML declaration aside).
    static func tagsBalance(_ text: String) -> Bool {
        var stack: [String] = []
        for match in text.matches(of: /<(\/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(\/?)>/) {
            let name = String(match.2)
            if !match.1.isEmpty {
                guard stack.popLast() == name else { return false }
            } else if match.3.isEmpty {
                stack.append(name)
            }
        }
        return stack.isEmpty
    }

    func testAxisLabelsUseRealSubscripts() {
        XCTAssertEqual(SVG.subscripted("D_l (log scale)"),
                       "D<tspan class=\"sub\" dy=\"3\" font-size=\"8.5\">l</tspan><tspan dx=\"3\" dy=\"-3\">(log scale)</tspan>")
        XCTAssertEqual(SVG.subscripted("D_0"), "D<tspan class=\"sub\" dy=\"3\" font-size=\"8.5\">0</tspan>")
        XCTAssertTrue(SVG.subscripted("D_l / D_0 against layer").components(separatedBy: "class=\"sub\"").count == 3)
        for plain in ["train.batch_size", "dataset.per_class", "ND_l", "D_lr", "a < b"] {
            XCTAssertFalse(SVG.subscripted(plain).contains("tspan"), plain)
        }
        XCTAssertEqual(SVG.subscripted("a < b"), "a &lt; b")
    }
}
