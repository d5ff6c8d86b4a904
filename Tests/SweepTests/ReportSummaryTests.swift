import Foundation
import Separation
@testable import Sweep
import TestSupport
import XCTest

/// The summary's 95% interval over seeds and the emergence epoch.
final class ReportSummaryTests: XCTestCase {
    func testStudentIntervalMatchesTheTextbookFormula() throws {
        let interval = try XCTUnwrap(Statistics.interval95([1, 2, 3]))
        let half = 4.30265273 * 1 / 3.0.squareRoot()
        XCTAssertEqual(interval.low, 2 - half, accuracy: 1e-12)
        XCTAssertEqual(interval.high, 2 + half, accuracy: 1e-12)
        XCTAssertNil(Statistics.interval95([0.5]))
        XCTAssertEqual(StudentT.quantile975(degreesOfFreedom: 30), 2.04227246, accuracy: 1e-8)
        // Beyond the table, the expansion: t(40) = 2.021075, t(120) = 1.979930.
        XCTAssertEqual(StudentT.quantile975(degreesOfFreedom: 40), 2.021075, accuracy: 2e-5)
        XCTAssertEqual(StudentT.quantile975(degreesOfFreedom: 120), 1.979930, accuracy: 1e-5)
    }

    func testGroupsCarryTheIntervalAndTheEmergenceEpoch() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0, 1, 2])
        var results = try spec.jobs.map { try StoreFixtures.okResult($0) }
        let holds = [10.0, 5, 2.5], fails = [10.0, 12, 9]
        for index in results.indices where results[index].spec.model.depth == 2 {
            let emergeAt = 10 * (Int(results[index].spec.seed) + 1)
            results[index].dynamics = try [0, 10, 20, 30].map { epoch in
                let ds = epoch >= emergeAt ? holds : fails
                return DynamicsPoint(epoch: epoch, loss: 1, trainAccuracy: 0.5, learningRate: 0.1, D: ds,
                                     fit: try LawFit(fuzziness: ds), testD: nil, testFit: nil)
            }
        }
        let summary = SweepSummary(name: "unit", results: results)
        let shallow = summary.groups[0], deep = summary.groups[1]
        let rhos = results.filter { $0.spec.model.depth == 1 }.map { $0.fit!.rho }
        let expected = try XCTUnwrap(Statistics.interval95(rhos))
        XCTAssertEqual(shallow.rhoLow95, expected.low)
        XCTAssertEqual(shallow.rhoHigh95, expected.high)
        XCTAssertNil(shallow.emerged)
        XCTAssertNil(shallow.emergenceEpochMean)
        XCTAssertEqual(deep.emerged, 3)
        XCTAssertEqual(deep.emergenceEpochMean, 20)
        XCTAssertEqual(summary.rows.filter { $0.params["model.depth"] == .int(2) }.map(\.emergenceEpoch), [10, 20, 30])
        XCTAssertTrue(summary.markdown.contains("| 20 |"), summary.markdown)
        XCTAssertTrue(summary.csv.split(separator: "\n")[0].hasSuffix(",emergence_epoch,segment_rho,segment_pearson_r,message"))
        let json = try JSONSerialization.jsonObject(with: try summary.json()) as? [String: Any]
        XCTAssertEqual(json?["emergence_threshold"] as? Double, -0.95)
    }
}

/// The mixed ResNet's separately fitted segments reach the summary: per job, and averaged per group.
final class SegmentSummaryTests: XCTestCase {
    func testSegmentFitsAreAveragedPerGroupAndListedPerJob() throws {
        let spec = try StoreFixtures.spec(depths: [1], seeds: [0, 1])
        var results = try spec.jobs.map { try StoreFixtures.okResult($0) }
        let segments = [([8.0, 4, 2], [2.0, 1.8, 1.62]), ([8.0, 2, 0.5], [0.5, 0.45, 0.405])]
        for (index, (first, second)) in segments.enumerated() {
            results[index].segmentFits = [SegmentFit(first: 0, last: 2, fit: try LawFit(fuzziness: first)),
                                          SegmentFit(first: 2, last: 4, fit: try LawFit(fuzziness: second))]
        }
        let summary = SweepSummary(name: "segments", results: results)
        XCTAssertEqual(summary.rows[0].segmentRho?.count, 2)
        XCTAssertEqual(summary.rows[0].segmentRho?[0] ?? 0, 0.5, accuracy: 1e-12)
        XCTAssertEqual(summary.rows[1].segmentRho?[0] ?? 0, 0.25, accuracy: 1e-12)
        let group = try XCTUnwrap(summary.groups.first)
        XCTAssertEqual(group.segmentRhoMean?[0] ?? 0, 0.375, accuracy: 1e-12)
        XCTAssertEqual(group.segmentRhoMean?[1] ?? 0, 0.9, accuracy: 1e-12)
        XCTAssertTrue(summary.markdown.contains("segments ρ (r)"), summary.markdown)
        XCTAssertTrue(summary.markdown.contains("0.3750 (-1.0000); 0.9000 (-1.0000)"), summary.markdown)
        // The first job's row holds its two segment ρ as one "a;b" cell (then the two r).
        let row = summary.csv.split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        let cells = row.filter { $0.contains(";") }.map { $0.split(separator: ";").compactMap { Double($0) } }
        XCTAssertEqual(cells.count, 2, summary.csv)
        XCTAssertEqual(cells.first?.first ?? 0, 0.5, accuracy: 1e-12)
    }
}
