@testable import Engine
import Foundation
import Separation
import Sweep
import TestSupport
import XCTest

/// Measuring during training changes nothing else; the dynamics and related measures are recorded.
final class ReportDynamicsTests: XCTestCase {
    private func spec(_ measure: String, dataset: String = "per_class: 24") throws -> JobSpec {
        let text = """
            dataset: {name: gaussian, dimension: 12, separation: 1.5, test_per_class: 15, \(dataset)}
            model: {depth: 2, width: 12}
            train: {optimizer: momentum, lr: 0.05, epochs: 7, batch_size: 16}
            measure: {\(measure)}
            """
        let jobs = try SweepSpec.parse(yaml: text, file: "d.yaml").jobs
        return try XCTUnwrap(jobs.first)
    }

    func testMeasuringEveryEpochLeavesTheResultBitwiseIdentical() throws {
        let plain = JobRunner.run(try spec("chunk: 20"))
        let dynamic = JobRunner.run(try spec("chunk: 20, every: 1, test_per_class: 5"))
        XCTAssertEqual(plain.status, .ok, plain.message ?? "")
        XCTAssertEqual(dynamic.status, .ok, dynamic.message ?? "")
        XCTAssertEqual(plain.layers.map(\.D.bitPattern), dynamic.layers.map(\.D.bitPattern))
        XCTAssertEqual(plain.layers.map { $0.nc1?.bitPattern }, dynamic.layers.map { $0.nc1?.bitPattern })
        XCTAssertEqual(plain.fit, dynamic.fit)
        XCTAssertEqual(plain.trainAccuracy?.bitPattern, dynamic.trainAccuracy?.bitPattern)
        XCTAssertEqual(plain.testAccuracy?.bitPattern, dynamic.testAccuracy?.bitPattern)
        XCTAssertEqual(plain.finalLoss?.bitPattern, dynamic.finalLoss?.bitPattern)
        XCTAssertNil(plain.dynamics)
        XCTAssertNil(plain.testFit)

        let points = try XCTUnwrap(dynamic.dynamics)
        XCTAssertEqual(points.map(\.epoch), Array(0...7))
        XCTAssertNil(points[0].loss)
        XCTAssertEqual(points.last?.D.map(\.bitPattern), dynamic.layers.map(\.D.bitPattern))
        XCTAssertEqual(points.last?.fit, dynamic.fit)
        XCTAssertEqual(points.last?.testD?.count, dynamic.layers.count)
        XCTAssertNotNil(dynamic.testFit)
        XCTAssertEqual(points.last?.testFit, dynamic.testFit)
        XCTAssertTrue(dynamic.layers.allSatisfy { $0.testD != nil && $0.nc1 != nil && $0.nccAccuracy != nil })
    }

    /// On a team the layers are measured side by side, one per thread (this network is too small for its products
    /// and passes to split, so training gives one thread's bits): every measured value is one thread's.
    func testMeasuringOnATeamGivesOneThreadsValues() throws {
        let job = try spec("chunk: 20, every: 2, test_per_class: 5")
        let single = JobRunner.run(job), team = JobRunner.run(job, options: RunOptions(threads: 3))
        XCTAssertEqual(single.status, .ok, single.message ?? "")
        XCTAssertEqual(team.status, .ok, team.message ?? "")
        XCTAssertEqual(team.threads, 3)
        XCTAssertEqual(single.finalLoss?.bitPattern, team.finalLoss?.bitPattern)
        XCTAssertGreaterThanOrEqual(single.layers.count, 3, "more layers than threads")
        XCTAssertEqual(single.layers.map(\.D.bitPattern), team.layers.map(\.D.bitPattern))
        XCTAssertEqual(single.layers.map { $0.testD?.bitPattern }, team.layers.map { $0.testD?.bitPattern })
        XCTAssertEqual(single.layers.map { $0.nc1?.bitPattern }, team.layers.map { $0.nc1?.bitPattern })
        XCTAssertEqual(single.layers.map { $0.nccAccuracy?.bitPattern }, team.layers.map { $0.nccAccuracy?.bitPattern })
        XCTAssertEqual(single.dynamics?.map { $0.D.map(\.bitPattern) }, team.dynamics?.map { $0.D.map(\.bitPattern) })
        XCTAssertEqual(single.dynamics?.map { $0.testD?.map(\.bitPattern) }, team.dynamics?.map { $0.testD?.map(\.bitPattern) })
    }

    func testEverySkipsEpochsButKeepsTheLast() throws {
        let result = JobRunner.run(try spec("every: 3"))
        XCTAssertEqual(result.dynamics?.map(\.epoch), [0, 3, 6, 7])
    }

    func testImbalancedRunRecordsMinorityCollapse() throws {
        let result = JobRunner.run(try spec("chunk: 100", dataset: "class_counts: [40, 40, 8, 8, 8]"))
        XCTAssertEqual(result.status, .ok, result.message ?? "")
        let collapse = try XCTUnwrap(result.minorityCollapse)
        XCTAssertEqual(collapse.classes, [2, 3, 4])
        XCTAssertTrue((-1...1).contains(collapse.featureCosine) && (-1...1).contains(collapse.classifierCosine))
        XCTAssertNil(JobRunner.run(try spec("chunk: 100")).minorityCollapse)
    }

    func testTooFewTestPointsIsAnErrorNamingTheKey() throws {
        let result = JobRunner.run(try spec("test_per_class: 500"))
        XCTAssertEqual(result.status, .error)
        XCTAssertTrue(result.message?.contains("measure.test_per_class") ?? false, result.message ?? "")
    }

    func testEmergenceIsTheFirstEpochFromWhichRStaysBelowTheThreshold() throws {
        func point(_ epoch: Int, _ ds: [Double]) throws -> DynamicsPoint {
            DynamicsPoint(epoch: epoch, loss: nil, trainAccuracy: nil, learningRate: nil, D: ds,
                          fit: try? LawFit(fuzziness: ds), testD: nil, testFit: nil)
        }
        let holds = [10.0, 5, 2.5, 1.25], fails = [10.0, 12, 9, 11]
        let series = [try point(0, fails), try point(10, holds), try point(20, fails), try point(30, holds), try point(40, holds)]
        XCTAssertEqual(LawEmergence.epoch(series), 30)
        XCTAssertEqual(LawEmergence.epoch(series + [try point(50, fails)]), nil)
        XCTAssertEqual(LawEmergence.epoch(series.reversed()), 30)
        XCTAssertNil(LawEmergence.epoch([]))
        XCTAssertEqual(LawEmergence.epoch([try point(0, [1, 0, 1])]), nil)
    }

    func testResultLinesWrittenBeforeTheNewFieldsStillDecode() throws {
        let job = try spec("chunk: 100")
        let old = try StoreFixtures.okResult(job)
        let line = try JSONCoding.line(old)
        XCTAssertFalse(line.contains("dynamics") || line.contains("nc1") || line.contains("test_fit"))
        XCTAssertEqual(try JSONCoding.decoder().decode(JobResult.self, from: Data(line.utf8)), old)
    }
}
