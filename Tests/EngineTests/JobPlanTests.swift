@testable import Engine
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
