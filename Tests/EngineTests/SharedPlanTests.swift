@testable import Engine
import Network
import Sweep
import XCTest

/// Issue 18, class 3: `SweepSpec.plans()` shares one network plan and memory estimate between jobs that differ
/// only in what sizes nothing; every shared plan must equal the plan of its job built alone.
final class SharedPlanTests: XCTestCase {
    func testSharedPlansEqualPlansBuiltAlone() throws {
        let sweep = try SweepSpec.parse(yaml: """
            dataset: {name: gaussian, dimension: 12, per_class: 10, test_per_class: 5}
            model: {depth: 2, width: 8}
            train: {epochs: 3, batch_size: 16}
            grid:
              model.depth: [1, 3]
              train.lr: [0.1, 0.01]
              train.epochs: [2, 5]
              train.batch_size: [16, 300]
              train.phases: [[none], [second_half, first_half]]
            cases: [{train.optimizer: sgd}, {train.optimizer: adam}, {measure.pca: 4, model.width: 20}]
            seeds: [0, 1, 2]
            """, file: "shared.yaml")
        XCTAssertEqual(sweep.jobs.count, 3 * 32 * 3)
        let plans = try sweep.plans()
        XCTAssertEqual(plans.count, sweep.jobs.count)
        for (job, shared) in zip(sweep.jobs, plans) {
            let alone = try JobPlan(job)
            XCTAssertEqual(shared.spec, job)
            XCTAssertEqual(shared.id, alone.id)
            XCTAssertEqual(shared.recipe, alone.recipe)
            XCTAssertEqual(shared.network, alone.network)
            XCTAssertEqual(shared.training, alone.training)
            XCTAssertEqual(shared.classCount, alone.classCount)
            XCTAssertEqual(shared.peakMemory, alone.peakMemory)
            XCTAssertEqual(shared.estimatedFlops, alone.estimatedFlops)
            XCTAssertEqual(shared.defaultTimeLimit, alone.defaultTimeLimit)
        }
        // The estimate of the memory itself, checked against its parts written out for one job.
        let widest = try XCTUnwrap(plans.last)
        XCTAssertEqual(widest.peakMemory, widest.estimatePeakMemory())
    }

    func testTheResourceKeyKeepsWhatSizesAJob() {
        let base = JobSpec(model: ModelConfig(depth: 2, width: 8), train: TrainConfig(epochs: 4))
        func key(_ change: (inout JobSpec) -> Void) -> JobSpec {
            var job = base
            change(&job)
            return JobPlan.resourceKey(of: job)
        }
        let same = key { _ in }
        // Sizes nothing: seed, optimiser and its settings, learning rate and schedule, epochs.
        XCTAssertEqual(key { $0.seed = 9 }, same)
        XCTAssertEqual(key { $0.train.lr = 0.5 }, same)
        XCTAssertEqual(key { $0.train.epochs = 60 }, same)
        XCTAssertEqual(key { $0.train.optimizer = .adam; $0.train.betas = [0.5, 0.6] }, same)
        XCTAssertEqual(key { $0.train.milestones = [1]; $0.train.gamma = 0.5 }, same)
        XCTAssertEqual(key { $0.train.weightDecay = 0; $0.train.momentum = 0.1; $0.train.eps = 1 }, same)
        // Sizes the network or a buffer.
        XCTAssertNotEqual(key { $0.model.width = 9 }, same)
        XCTAssertNotEqual(key { $0.model.depth = 3 }, same)
        XCTAssertNotEqual(key { $0.train.batchSize = 1000 }, same)
        XCTAssertNotEqual(key { $0.measure.chunk = 1000 }, same)
        XCTAssertNotEqual(key { $0.measure.pca = 3 }, same)
        XCTAssertNotEqual(key { $0.dataset.perClass = 7 }, same)
        XCTAssertNotEqual(key { $0.dataset.resize = 20 }, same)
    }
}
