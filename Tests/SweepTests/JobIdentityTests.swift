import Linalg
@testable import Sweep
import TestSupport
import XCTest

final class JobIdentityTests: XCTestCase {
    func testIdsIndependentOfKeyOrderStyleAndNumberSpelling() throws {
        let a = try XCTUnwrap(parseOrFail(SpecFixtures.example))
        let b = try XCTUnwrap(parseOrFail(SpecFixtures.exampleReordered))
        XCTAssertEqual(a.jobs.map(\.id), b.jobs.map(\.id))
        XCTAssertEqual(a.jobs.map(\.canonicalJSON), b.jobs.map(\.canonicalJSON))
        for id in a.jobs.map(\.id) {
            XCTAssertEqual(id.count, 16)
            XCTAssertTrue(id.allSatisfy { "0123456789abcdef".contains($0) }, id)
        }
    }

    func testSameJobViaGridOrCaseHasSameId() throws {
        let viaGrid = try XCTUnwrap(parseOrFail("grid: {model.depth: [6], train.lr: [0.03]}"))
        let viaCase = try XCTUnwrap(parseOrFail("cases: [{train.lr: 0.03, model.depth: 6}]"))
        let viaBase = try XCTUnwrap(parseOrFail("model: {depth: 6}\ntrain: {lr: 3e-2}"))
        XCTAssertEqual(viaGrid.jobs.map(\.id), viaCase.jobs.map(\.id))
        XCTAssertEqual(viaGrid.jobs.map(\.id), viaBase.jobs.map(\.id))
    }

    func testIdMatchesFNV1aOfCanonicalJSONAndIsStable() {
        let job = JobSpec()
        XCTAssertEqual(job.canonicalJSON, """
        {"dataset":{"name":"fashion-mnist","normalize":[0.5,0.5],"per_class":100,"resize":10,"test_per_class":"all"},\
        "measure":{"batchnorm":"train","chunk":100},\
        "model":{"activation":"relu","arch":"gfnn","batchnorm":true,"depth":2,"width":100},\
        "seed":0,\
        "train":{"batch_size":128,"epochs":600,"gamma":0.1,"lr":0.01,"milestones":[200,400],"optimizer":"sgd","weight_decay":0.0005}}
        """)
        XCTAssertEqual(FNV1a64.hash(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a64.hash("a"), 0xaf63_dc4c_8601_ec8c)
        let hex = String(FNV1a64.hash(job.canonicalJSON), radix: 16)
        XCTAssertEqual(job.id, String(repeating: "0", count: 16 - hex.count) + hex)
    }

    func testCanonicalNumbers() {
        XCTAssertEqual(ParamValue.canonicalNumber(1e-8), "1e-8")
        XCTAssertEqual(ParamValue.canonicalNumber(5e-4), "0.0005")
        XCTAssertEqual(ParamValue.canonicalNumber(-0.0), "0.0")
        XCTAssertEqual(ParamValue.canonicalNumber(2), "2.0")
        XCTAssertEqual(ParamValue.canonicalNumber(1e20), "1e20")
        XCTAssertEqual(ParamValue.canonicalNumber(.nan), "\"nan\"")
    }

    func testIdsDifferWhenAnyRelevantValueDiffers() {
        let base = JobSpec()
        var variants: [(String, JobSpec)] = []
        func add(_ name: String, _ change: (inout JobSpec) -> Void) {
            var job = base
            change(&job)
            variants.append((name, job))
        }
        add("dataset.name") { $0.dataset.name = .mnist }
        add("dataset.resize") { $0.dataset.resize = 28 }
        add("dataset.resize nil") { $0.dataset.resize = nil }
        add("dataset.per_class") { $0.dataset.perClass = 50 }
        add("dataset.per_class all") { $0.dataset.perClass = nil }
        add("dataset.class_counts") { $0.dataset.classCounts = [500, 100] }
        add("dataset.test_per_class") { $0.dataset.testPerClass = 10 }
        add("dataset.normalize mean") { $0.dataset.normalizeMean = 0.2860 }
        add("dataset.normalize std") { $0.dataset.normalizeStd = 0.3530 }
        add("model.arch") { $0.model.arch = .mlp }
        add("model.depth") { $0.model.depth = 6 }
        add("model.width") { $0.model.width = 20 }
        add("model.batchnorm") { $0.model.batchnorm = false }
        add("model.activation") { $0.model.activation = .none }
        add("train.optimizer") { $0.train.optimizer = .momentum }
        add("train.lr") { $0.train.lr = 0.0100000001 }
        add("train.epochs") { $0.train.epochs = 599 }
        add("train.batch_size") { $0.train.batchSize = 64 }
        add("train.weight_decay") { $0.train.weightDecay = 0 }
        add("train.milestones") { $0.train.milestones = [100] }
        add("train.gamma") { $0.train.gamma = 0.5 }
        add("measure.batchnorm") { $0.measure.batchnorm = .eval }
        add("measure.chunk") { $0.measure.chunk = 50 }
        add("seed") { $0.seed = 1 }
        var adam = base
        adam.train.optimizer = .adam
        var momentum = base
        momentum.train.optimizer = .momentum
        var gaussian = base
        gaussian.dataset.name = .gaussian
        let derived: [(String, JobSpec, (inout JobSpec) -> Void)] = [
            ("adam betas", adam, { $0.train.betas = [0.9, 0.99] }),
            ("adam eps", adam, { $0.train.eps = 1e-6 }),
            ("momentum momentum", momentum, { $0.train.momentum = 0.5 }),
            ("gaussian dimension", gaussian, { $0.dataset.dimension = 10 }),
            ("gaussian separation", gaussian, { $0.dataset.separation = 1 }),
        ]
        for (name, start, change) in derived {
            var job = start
            change(&job)
            XCTAssertNotEqual(job.id, start.id, name)
        }
        var ids = Set([base.id])
        for (name, job) in variants {
            XCTAssertNotEqual(job.id, base.id, name)
            XCTAssertTrue(ids.insert(job.id).inserted, "\(name) collides")
        }
    }

    func testIdsEqualWhenOnlyIrrelevantValuesDiffer() {
        func assertSame(_ a: JobSpec, _ change: (inout JobSpec) -> Void, _ name: String) {
            var b = a
            change(&b)
            XCTAssertEqual(a.id, b.id, name)
            XCTAssertEqual(a.canonicalJSON, b.canonicalJSON, name)
        }
        var adam = JobSpec()
        adam.train.optimizer = .adam
        assertSame(adam, { $0.train.momentum = 0.1 }, "momentum for adam")
        assertSame(JobSpec(), { $0.train.momentum = 0.1 }, "momentum for plain sgd")
        assertSame(JobSpec(), { $0.train.betas = [0.5, 0.5]; $0.train.eps = 1 }, "betas/eps for sgd")
        assertSame(JobSpec(), { $0.dataset.dimension = 3; $0.dataset.separation = 9 }, "gaussian-only for mnist")
        assertSame(JobSpec(), { $0.dataset.path = "/elsewhere" }, "path")
        var gaussian = JobSpec()
        gaussian.dataset.name = .gaussian
        assertSame(gaussian, { $0.dataset.resize = 28; $0.dataset.normalizeStd = 2; $0.dataset.path = "/x" },
                   "image-only for gaussian")
        var noBN = JobSpec()
        noBN.model.batchnorm = false
        assertSame(noBN, { $0.measure.batchnorm = .eval; $0.measure.chunk = 7 }, "measure mode without BN")
        var evalMode = JobSpec()
        evalMode.measure.batchnorm = .eval
        assertSame(evalMode, { $0.measure.chunk = 7 }, "chunk in eval mode")
        var noMilestones = JobSpec()
        noMilestones.train.milestones = []
        assertSame(noMilestones, { $0.train.gamma = 0.5 }, "gamma without milestones")
        var counts = JobSpec()
        counts.dataset.classCounts = [10, 20]
        assertSame(counts, { $0.dataset.perClass = 7 }, "per_class with class_counts")
    }

    func testIrrelevantValueInYamlDoesNotChangeId() throws {
        let a = try XCTUnwrap(parseOrFail("train: {optimizer: adam, lr: 0.001}"))
        let b = try XCTUnwrap(parseOrFail("train: {optimizer: adam, lr: 0.001, momentum: 0.5}"))
        XCTAssertEqual(a.jobs.map(\.id), b.jobs.map(\.id))
        let c = try XCTUnwrap(parseOrFail("train: {optimizer: momentum, lr: 0.001, momentum: 0.5}"))
        let d = try XCTUnwrap(parseOrFail("train: {optimizer: sgd-momentum, lr: 0.001, momentum: 0.5}"))
        XCTAssertEqual(c.jobs.map(\.id), d.jobs.map(\.id))
        XCTAssertNotEqual(a.jobs.map(\.id), c.jobs.map(\.id))
    }
}

/// Parameters survive a JSON round trip: whole doubles come back as integers and still compare equal.
final class ParamValueRoundTripTests: XCTestCase {
    func testWholeDoublesRoundTripEqual() throws {
        let params: [String: ParamValue] = ["dataset.separation": .double(4.0), "train.lr": .double(0.3),
                                             "model.depth": .int(2), "train.betas": .list([.double(0.9), .double(1.0)])]
        let data = try JSONEncoder().encode(params)
        let back = try JSONDecoder().decode([String: ParamValue].self, from: data)
        XCTAssertEqual(back, params)
        XCTAssertEqual(Set(back.values), Set(params.values))
        XCTAssertNotEqual(ParamValue.double(2.5), .int(2))
        XCTAssertNotEqual(ParamValue.string("2"), .int(2))
    }
}
