@testable import Sweep
import TestSupport
import XCTest

final class SweepExpansionTests: XCTestCase {
    func testExampleExpandsToSixJobsInOrder() throws {
        let spec = try XCTUnwrap(parseOrFail(SpecFixtures.example))
        XCTAssertEqual(spec.name, "figure1")
        XCTAssertEqual(spec.jobs.count, 6)
        // Case-major, then grid, then seed (fastest).
        XCTAssertEqual(spec.jobs.map(\.train.optimizer), [.sgd, .sgd, .sgd, .adam, .adam, .adam])
        XCTAssertEqual(spec.jobs.map(\.seed), [0, 1, 2, 0, 1, 2])
        for job in spec.jobs {
            XCTAssertEqual(job.dataset, DatasetConfig(name: .fashionMNIST, resize: 10, perClass: 100,
                                                      normalizeMean: 0.5, normalizeStd: 0.5))
            XCTAssertNil(job.dataset.testPerClass)
            XCTAssertEqual(job.model, ModelConfig(arch: .gfnn, depth: 2, width: 100, batchnorm: true, activation: .relu))
            XCTAssertEqual(job.train.lr, 0.3)
            XCTAssertEqual(job.train.epochs, 600)
            XCTAssertEqual(job.train.batchSize, 128)
            XCTAssertEqual(job.train.weightDecay, 5e-4)
            XCTAssertEqual(job.train.momentum, 0.9)
            XCTAssertEqual(job.train.milestones, [200, 400])
            XCTAssertEqual(job.train.gamma, 0.1)
            XCTAssertEqual(job.train.betas, [0.9, 0.999])
            XCTAssertEqual(job.measure, MeasureConfig(batchnorm: .train, chunk: 100))
        }
        XCTAssertEqual(Set(spec.jobs.map(\.id)).count, 6)
        XCTAssertEqual(spec.varyingKeys, ["train.betas", "train.eps", "train.optimizer"])
    }

    /// (An empty document is refused: `HardeningSpecTests.testAnEmptySpecIsRefused`.)
    func testDefaultsAndNameFromFile() throws {
        let spec = try XCTUnwrap(parseOrFail("dataset: {name: fashion-mnist}\n", file: "Configs/quick-start.yaml"))
        XCTAssertEqual(spec.name, "quick-start")
        XCTAssertEqual(spec.jobs, [JobSpec()])
        let job = spec.jobs[0]
        XCTAssertEqual(job.train.optimizer, .sgd)
        XCTAssertEqual(job.train.lr, 0.01)
        XCTAssertEqual(job.train.milestones, [200, 400])
        XCTAssertEqual(job.dataset.perClass, 100)
        XCTAssertEqual(job.dataset.resize, 10)
        XCTAssertEqual(job.seed, 0)
        XCTAssertEqual(spec.varyingKeys, [])
    }

    func testGridOrderLastKeyFastestAndCasesMajor() throws {
        let yaml = """
        grid:
          model.depth: [2, 6]
          train.lr: [0.1, 0.2, 0.3]
        cases:
          - {model.width: 20}
          - {model.width: 1000}
        seed: 7
        """
        let spec = try XCTUnwrap(parseOrFail(yaml))
        XCTAssertEqual(spec.jobs.count, 12)
        XCTAssertEqual(spec.jobs.map(\.model.width), [Int](repeating: 20, count: 6) + [Int](repeating: 1000, count: 6))
        XCTAssertEqual(spec.jobs.prefix(6).map(\.model.depth), [2, 2, 2, 6, 6, 6])
        XCTAssertEqual(spec.jobs.prefix(6).map(\.train.lr), [0.1, 0.2, 0.3, 0.1, 0.2, 0.3])
        XCTAssertTrue(spec.jobs.allSatisfy { $0.seed == 7 })
        XCTAssertEqual(spec.varyingKeys, ["model.depth", "model.width", "train.lr"])
    }

    func testDefaultMilestonesFollowEpochsAfterOverrides() throws {
        let spec = try XCTUnwrap(parseOrFail("""
        train: {epochs: 600}
        grid: {train.epochs: [600, 30, 2, 0]}
        """))
        XCTAssertEqual(spec.jobs.map(\.train.milestones), [[200, 400], [10, 20], [1], []])
        let explicit = try XCTUnwrap(parseOrFail("train: {epochs: 30, milestones: [5, 25]}"))
        XCTAssertEqual(explicit.jobs[0].train.milestones, [5, 25])
        let viaCase = try XCTUnwrap(parseOrFail("cases: [{train.epochs: 30}]"))
        XCTAssertEqual(viaCase.jobs[0].train.milestones, [10, 20])
    }

    func testDuplicatesRemovedKeepingFirst() throws {
        let spec = try XCTUnwrap(parseOrFail("""
        train: {optimizer: adam}
        grid: {train.momentum: [0.5, 0.9]}
        seeds: [1, 0, 1]
        """))
        // momentum is irrelevant for adam and seed 1 repeats: 2 distinct jobs.
        XCTAssertEqual(spec.jobs.map(\.seed), [1, 0])
        XCTAssertEqual(spec.jobs.map(\.train.momentum), [0.5, 0.5])
        XCTAssertEqual(spec.varyingKeys, [])
    }

    func testValueKindsAndAliases() throws {
        let spec = try XCTUnwrap(parseOrFail("""
        name: 2023
        description: free text
        dataset: {name: mnist, resize: null, per_class: all, test_per_class: 50, path: /data/mnist}
        model: {depth: 0, batchnorm: false, activation: none}
        train: {optimizer: sgd-momentum, lr: 1, eps: 1e-6, betas: [0, 0.5], milestones: [], gamma: 1}
        measure: {batchnorm: eval, chunk: 1_000}
        seed: 0x10
        """))
        XCTAssertEqual(spec.name, "2023")
        XCTAssertEqual(spec.description, "free text")
        let job = try XCTUnwrap(spec.jobs.first)
        XCTAssertNil(job.dataset.resize)
        XCTAssertNil(job.dataset.perClass)
        XCTAssertEqual(job.dataset.testPerClass, 50)
        XCTAssertEqual(job.dataset.path, "/data/mnist")
        XCTAssertEqual(job.model.depth, 0)
        XCTAssertFalse(job.model.batchnorm)
        XCTAssertEqual(job.model.activation, .none)
        XCTAssertEqual(job.train.optimizer, .momentum)
        XCTAssertEqual(job.train.lr, 1.0)
        XCTAssertEqual(job.train.milestones, [])
        XCTAssertEqual(job.measure.chunk, 1000)
        XCTAssertEqual(job.seed, 16)
        XCTAssertEqual(job.params["dataset.resize"], ParamValue.null)
        XCTAssertEqual(job.params["dataset.per_class"], .string("all"))
        XCTAssertNil(job.params["train.gamma"], "gamma is irrelevant without milestones")
        XCTAssertNil(job.params["measure.batchnorm"], "measure mode is irrelevant without BatchNorm")
    }

    func testGaussianAndClassCounts() throws {
        let spec = try XCTUnwrap(parseOrFail("""
        dataset: {name: gaussian, dimension: 20, separation: 2.5, class_counts: [500, 500, 100], path: /ignored}
        """))
        let job = try XCTUnwrap(spec.jobs.first)
        XCTAssertEqual(job.dataset.classCounts, [500, 500, 100])
        XCTAssertNil(job.dataset.perClass)
        let params = job.params
        XCTAssertEqual(params["dataset.dimension"], .int(20))
        XCTAssertEqual(params["dataset.separation"], .double(2.5))
        XCTAssertEqual(params["dataset.class_counts"], .list([.int(500), .int(500), .int(100)]))
        for dropped in ["dataset.resize", "dataset.normalize", "dataset.path", "dataset.per_class"] {
            XCTAssertNil(params[dropped], dropped)
        }
    }

    func testLoadFromDisk() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seplaw-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("lr-study.yaml").path
        try "grid: {train.lr: [0.1, 0.3]}\n".write(toFile: path, atomically: true, encoding: .utf8)
        let spec = try SweepSpec.load(path: path)
        XCTAssertEqual(spec.name, "lr-study")
        XCTAssertEqual(spec.file, path)
        XCTAssertEqual(spec.jobs.map(\.train.lr), [0.1, 0.3])
    }

    func testParamsEncodeAsPlainJSON() throws {
        let job = JobSpec(train: TrainConfig(optimizer: .adam, lr: 3e-3))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(job.params)
        let text = try XCTUnwrap(String(data: data, encoding: .utf8))
        XCTAssertTrue(text.contains("\"model.depth\":2"), text)
        XCTAssertTrue(text.contains("\"train.optimizer\":\"adam\""), text)
        XCTAssertTrue(text.contains("\"model.batchnorm\":true"), text)
        let decoded = try JSONDecoder().decode([String: ParamValue].self, from: data)
        XCTAssertEqual(decoded["model.depth"], .int(2))
        XCTAssertEqual(decoded["train.lr"], .double(3e-3))
        XCTAssertEqual(decoded["train.betas"], .list([.double(0.9), .double(0.999)]))
        // JobSpec itself round-trips through Codable.
        let roundTrip = try JSONDecoder().decode(JobSpec.self, from: JSONEncoder().encode(job))
        XCTAssertEqual(roundTrip, job)
        XCTAssertEqual(roundTrip.id, job.id)
    }
}
