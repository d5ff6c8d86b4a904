import Foundation
import Sweep
import TestSupport
import XCTest

/// `seplaw plan` and `seplaw run` as a user runs them: the real executable, a spec file on disk, JSON read back.
final class RunCommandTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try SweepHarness.temporaryDirectory("run")
    }

    func writeSpec(_ text: String) throws -> String {
        try SweepHarness.writeSpec(text)
    }

    let tinySpec = """
        name: tiny
        dataset: {name: gaussian, dimension: 12, per_class: 20, test_per_class: 10, separation: 3.0}
        model: {arch: gfnn, depth: 2, width: 16}
        train: {optimizer: momentum, lr: 0.05, epochs: 4, batch_size: 32}
        grid: {model.depth: [1, 2]}
        seeds: [3]
        """

    func testRunWritesAResultThatParsesBack() throws {
        let spec = try writeSpec(tinySpec)
        let json = directory.appendingPathComponent("result.json").path
        let run = try SweepHarness.run(["run", spec, "--job", "1", "--json", json])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("pearson r"), run.stdout)

        let result = try JSONCoding.decoder().decode(JobResult.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        let expected = try SweepSpec.load(path: spec).jobs[1]
        XCTAssertEqual(result.id, expected.id)
        XCTAssertEqual(result.status, .ok)
        XCTAssertEqual(result.params["model.depth"], .int(2))
        XCTAssertEqual(result.layers.map(\.index), [0, 1, 2, 3])
        XCTAssertEqual(result.layers.map(\.dim), [12, 16, 16, 16])
        XCTAssertTrue(result.layers.allSatisfy { $0.D.isFinite && $0.D > 0 })
        let fit = try XCTUnwrap(result.fit)
        XCTAssertEqual(fit.rho, exp(fit.slope), accuracy: 1e-12)
        XCTAssertTrue((-1...1).contains(fit.pearsonR))
        XCTAssertEqual(result.epochsCompleted, 4)
        XCTAssertEqual(result.blas.threads, 1)
        XCTAssertFalse(result.blas.core.isEmpty)
        // Which kernel ran the small training products is part of what the result depends on.
        let gemm = result.blas.trainingGemm ?? ""
        XCTAssertTrue(gemm == "openblas" || gemm.hasPrefix("seplaw-avx2-fma") || gemm.hasPrefix("seplaw-avx512-fma"), "\(result.blas)")
        XCTAssertNotNil(result.trainAccuracy)
        XCTAssertNotNil(result.testAccuracy)

        // The same job again gives bitwise the same measurements.
        let again = directory.appendingPathComponent("again.json").path
        XCTAssertEqual(try SweepHarness.run(["run", spec, "--job", "1", "--json", again]).status, 0)
        let second = try JSONCoding.decoder().decode(JobResult.self, from: Data(contentsOf: URL(fileURLWithPath: again)))
        XCTAssertEqual(second.layers, result.layers)
    }

    func testPlanListsEveryJob() throws {
        let spec = try writeSpec(tinySpec)
        let plan = try SweepHarness.run(["plan", spec])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        for job in try SweepSpec.load(path: spec).jobs { XCTAssertTrue(plan.stdout.contains(job.id)) }
        XCTAssertTrue(plan.stdout.contains("2 jobs"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("time") && plan.stdout.contains("of data preparation ≈"), plan.stdout)
    }

    func testBadSpecFailsWithTheKeyNamed() throws {
        let spec = try writeSpec("model: {depth: -3}\n")
        let run = try SweepHarness.run(["run", spec])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("model.depth"), run.stderr)
        XCTAssertTrue(run.stderr.contains("spec.yaml"), run.stderr)
    }

    func testJobIndexOutOfRangeIsAnError() throws {
        let spec = try writeSpec(tinySpec)
        let run = try SweepHarness.run(["run", spec, "--job", "7"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("out of range"), run.stderr)
    }
}
