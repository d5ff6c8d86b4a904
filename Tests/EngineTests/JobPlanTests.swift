@testable import Engine
import Network
import Sweep
import XCTest

/// A job's plan: built once from the spec, its cost grows with the work.
final class JobPlanTests: XCTestCase {
    func testEstimatedCostGrowsWithWorkload() throws {
        func cost(_ job: JobSpec) throws -> Double { try JobPlan(job).estimatedFlops }
        let small = try cost(JobSpec(model: ModelConfig(depth: 2), train: TrainConfig(epochs: 10)))
        XCTAssertGreaterThan(small, 0)
        XCTAssertGreaterThan(try cost(JobSpec(model: ModelConfig(depth: 18), train: TrainConfig(epochs: 10))),
                             small)
        XCTAssertGreaterThan(try cost(JobSpec(model: ModelConfig(depth: 2), train: TrainConfig(epochs: 600))),
                             small)
        XCTAssertGreaterThan(try cost(JobSpec(dataset: DatasetConfig(perClass: 500), model: ModelConfig(depth: 2),
                                     train: TrainConfig(epochs: 10))), small)
    }
}

/// Every result records the network as built: definition version, parameters, measured points.
final class NetworkRecordTests: XCTestCase {
    func testResultsRecordTheNetwork() throws {
        let job = try XCTUnwrap(try SweepSpec.parse(yaml: """
            dataset: {name: gaussian, dimension: 12, per_class: 10, test_per_class: 5}
            model: {depth: 2, width: 8}
            train: {epochs: 1, batch_size: 16}
            """, file: "record.yaml").jobs.first)
        let plan = try JobPlan(job)
        let result = JobRunner.run(plan)
        XCTAssertEqual(result.status, .ok, result.message ?? "")
        let network = try XCTUnwrap(result.network)
        // 12→8, 8→8, 8→8 dense with BatchNorm (weights, bias, γ, β), then 8→10.
        XCTAssertEqual(network.parameters, (12 * 8 + 8 + 16) + 2 * (8 * 8 + 8 + 16) + (8 * 10 + 10))
        XCTAssertEqual(network.points, plan.network.measuredPoints.map(\.name))
        XCTAssertEqual(network.points.count, result.layers.count)
        XCTAssertEqual(network.definition, job.model.arch.definitionVersion)
    }
}

/// A job's default time limit: at least an hour, longer for more work.
final class DefaultTimeLimitTests: XCTestCase {
    func testAtLeastAnHourAndGrowingWithWork() throws {
        let small = try JobPlan(JobSpec(model: ModelConfig(depth: 1, width: 8), train: TrainConfig(epochs: 1)))
        XCTAssertEqual(small.defaultTimeLimit, 3600)
        let large = try JobPlan(JobSpec(dataset: DatasetConfig(resize: 28, perClass: nil), model: ModelConfig(depth: 18, width: 1000),
                                        train: TrainConfig(epochs: 600)))
        XCTAssertGreaterThan(large.defaultTimeLimit, 3600)
        XCTAssertEqual(large.defaultTimeLimit, (large.estimatedFlops / 1e8).rounded(.up))
    }
}

/// The time a plan states includes preparing the data (what made a 9-second job read "1 CPU-second").
final class EstimatedTimeTests: XCTestCase {
    func testDataPreparationIsPartOfAJobsTime() throws {
        let fashion = try JobPlan(JobSpec(model: ModelConfig(depth: 1, width: 8), train: TrainConfig(epochs: 1)))
        XCTAssertEqual(fashion.estimatedDataSeconds, 70_000 * 784 * 7e-9, accuracy: 1e-9, "Fashion-MNIST's 70,000 images")
        XCTAssertEqual(fashion.estimatedSeconds(gflops: 40), fashion.estimatedFlops / 40e9 + fashion.estimatedDataSeconds,
                       accuracy: 1e-12)
        let cifar = try JobPlan(JobSpec(dataset: DatasetConfig(name: .cifar10, path: "/d", resize: 10, channels: .green),
                                        model: ModelConfig(depth: 1, width: 8), train: TrainConfig(epochs: 1)))
        XCTAssertGreaterThan(cifar.estimatedDataSeconds, fashion.estimatedDataSeconds, "3 × 32 × 32 source pixels")
        let mixture = try JobPlan(JobSpec(dataset: DatasetConfig(name: .gaussian, resize: nil), model: ModelConfig(depth: 1, width: 8),
                                          train: TrainConfig(epochs: 1)))
        XCTAssertLessThan(mixture.estimatedDataSeconds, 0.01)
    }
}
