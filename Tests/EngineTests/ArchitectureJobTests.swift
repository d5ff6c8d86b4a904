@testable import Engine
import Network
import Sweep
import XCTest

/// One short real job of every architecture (Fashion-MNIST 32×32, a few images per class, one epoch):
/// it runs, and measures exactly the points its architecture states.
final class ArchitectureJobTests: XCTestCase {
    /// Each model section with the number of measured points (input included) it must give.
    let models: [(model: String, points: Int)] = [
        ("{arch: gfnn, depth: 2, width: 16}", 4),
        ("{arch: mlp, widths: [16, 32, 8]}", 4),
        ("{arch: vgg, depth: 13, width_multiplier: 0.0625}", 13),
        ("{arch: alexnet, width_multiplier: 0.0625}", 8),
        ("{arch: resnet, block: basic, depth: 2, width_multiplier: 0.0625}", 3),
        ("{arch: resnet, block: bottleneck, depth: 2, width_multiplier: 0.0625, per: layer}", 7),
        ("{arch: resnet, block: mixed, depth: 2, width_multiplier: 0.0625}", 5),
        ("{arch: densenet, depth: 2, width_multiplier: 0.125}", 5),
        ("{arch: googlenet, depth: 2, width_multiplier: 0.0625}", 4),
    ]

    func spec(model: String) throws -> JobSpec {
        let yaml = """
        name: every-architecture
        dataset: {name: fashion-mnist, resize: 32, per_class: 4, test_per_class: 2, normalize: [0.2860, 0.3530]}
        model: \(model)
        train: {optimizer: momentum, lr: 0.01, epochs: 1, batch_size: 20}
        measure: {chunk: 20, pca: 50}
        """
        return try XCTUnwrap(SweepSpec.parse(yaml: yaml, file: "every-architecture.yaml").jobs.first)
    }

    func testEveryArchitectureRunsAndMeasuresItsPoints() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        for (model, points) in models {
            let job = try spec(model: model)
            XCTAssertEqual(try JobPlan(job).network.measuredPoints.count, points, model)
            let result = JobRunner.run(job)
            XCTAssertEqual(result.status, .ok, "\(model): \(result.message ?? "")")
            XCTAssertEqual(result.layers.count, points, model)
            XCTAssertTrue(result.layers.allSatisfy { $0.D.isFinite && $0.D > 0 }, model)
            XCTAssertEqual(result.layers.first?.dim, 1024, "the input is measured before any channel repetition")
            XCTAssertEqual(result.segmentFits?.count, model.contains("mixed") ? 2 : nil, model)
        }
    }

    func testPCAMeasuresWideLayersInFewerDimensions() throws {
        var job = try spec(model: "{arch: resnet, block: basic, depth: 1, width_multiplier: 0.0625}")
        // 40 training points span at most 39 dimensions: PCA to 50 would keep them all (and D, up to rounding);
        // 10 components cut it.
        job.measure.pca = 10
        var unreduced = job
        unreduced.measure.pca = nil
        XCTAssertNotEqual(job.id, unreduced.id, "the PCA dimension is part of a job's identity")
        let reduced = JobRunner.run(job), full = JobRunner.run(unreduced)
        XCTAssertEqual(reduced.status, .ok)
        XCTAssertEqual(full.status, .ok)
        // Same network, same features: only the measurement differs, and only for layers wider than 10.
        XCTAssertEqual(reduced.trainAccuracy, full.trainAccuracy)
        XCTAssertGreaterThan(abs(reduced.layers[1].D - full.layers[1].D), 1e-6 * full.layers[1].D)
    }

    func testModelThatDoesNotFitItsDataIsASpecError() {
        let yaml = """
        dataset: {name: fashion-mnist, resize: 10}
        model: {arch: vgg, depth: 13}
        """
        XCTAssertThrowsError(try SweepSpec.parse(yaml: yaml, file: "small.yaml").plans()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("small.yaml:2: model:") && message.contains("1×10×10"), message)
        }
    }

    func testArchitectureKeysAreCheckedPerArchitecture() {
        let cases = [
            ("{arch: gfnn, width_multiplier: 0.5}", "model.width_multiplier"),
            ("{arch: mlp}", "model.widths"),
            ("{arch: vgg, depth: 12}", "model.depth"),
            ("{arch: alexnet, batchnorm: false}", "model.batchnorm"),
            ("{arch: vgg, depth: 13, block: basic}", "model.block"),
        ]
        for (model, key) in cases {
            let yaml = "dataset: {name: fashion-mnist, resize: 32}\nmodel: \(model)\n"
            XCTAssertThrowsError(try SweepSpec.parse(yaml: yaml, file: "arch.yaml"), model) { error in
                XCTAssertTrue("\(error)".contains(key), "\(model): \(error)")
            }
        }
    }
}

/// `train.phases`: parsed, checked, part of a job's identity only when not the default.
final class TrainingPhaseSpecTests: XCTestCase {
    func job(_ train: String) throws -> JobSpec {
        let yaml = "dataset: {name: fashion-mnist}\ntrain: \(train)\n"
        let jobs = try SweepSpec.parse(yaml: yaml, file: "phases.yaml").jobs
        return try XCTUnwrap(jobs.first)
    }

    func testPhasesReachTheTrainingConfigAndTheId() throws {
        let plain = try job("{epochs: 5}")
        let explicitNone = try job("{epochs: 5, phases: [none]}")
        let frozen = try job("{epochs: 5, phases: [second_half, first_half]}")
        XCTAssertEqual(plain.id, explicitNone.id, "the default phase list does not change an id")
        XCTAssertNil(plain.params["train.phases"])
        XCTAssertNotEqual(frozen.id, plain.id)
        XCTAssertEqual(frozen.trainingConfig.phases, [.secondHalf, .firstHalf])
        XCTAssertGreaterThan(try JobPlan(frozen).estimatedFlops, try JobPlan(plain).estimatedFlops, "two phases train twice as long")
    }

    func testUnknownPhaseNamesTheKeyAndTheChoices() {
        XCTAssertThrowsError(try job("{phases: [second_half, last_half]}")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("train.phases[1]") && message.contains("first_half"), message)
        }
    }
}
