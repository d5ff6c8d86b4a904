import Linalg
@testable import Sweep
import TestSupport
import XCTest

/// Issue 18, class 3: a spec's ids are computed once per job without its seed (`JobIdentity`), and must stay the
/// ids of the canonical JSON written out in full.
final class JobIdentitySharingTests: XCTestCase {
    /// The canonical JSON as the specification words it, built naively from `params` (the reference).
    private func naiveCanonicalJSON(_ job: JobSpec) -> String {
        var sections: [String: [String]] = [:]
        var members: [String: String] = [:]
        for (key, value) in job.params {
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 2 {
                sections[parts[0], default: []].append(parts[1])
            } else {
                members[key] = value.json
            }
        }
        for (section, fields) in sections {
            members[section] = "{" + fields.sorted().map { "\"\($0)\":" + job.params[section + "." + $0]!.json }
                .joined(separator: ",") + "}"
        }
        return "{" + members.keys.sorted().map { "\"\($0)\":" + members[$0]! }.joined(separator: ",") + "}"
    }

    private func naiveID(_ job: JobSpec) -> String {
        let hex = String(FNV1a64.hash(naiveCanonicalJSON(job)), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private var variedJobs: [JobSpec] {
        var jobs = [JobSpec()]
        jobs.append(JobSpec(dataset: DatasetConfig(name: .cifar10, path: "/data", resize: 16, channels: .green),
                            model: ModelConfig(arch: .resnet, depth: 2), train: TrainConfig(optimizer: .adam, lr: 1e-3)))
        var mixture = JobSpec(dataset: DatasetConfig(name: .gaussian, resize: nil, perClass: nil),
                              train: TrainConfig(optimizer: .momentum, milestones: []))
        mixture.dataset.classCounts = [5, 10, 20]
        mixture.dataset.digest = "abc"
        mixture.measure = MeasureConfig(batchnorm: .eval, every: 3, testPerClass: 7, pca: 50)
        jobs.append(mixture)
        jobs.append(JobSpec(model: ModelConfig(arch: .mlp, batchnorm: false), train: TrainConfig(epochs: 4, phases: [.secondHalf, .firstHalf])))
        return jobs
    }

    func testEverySeedsIdMatchesTheNaiveCanonicalJSON() {
        let seeds: [UInt64] = [0, 1, 9, 10, 42, 1 << 40, UInt64(Int.max), UInt64(Int.max) + 1, UInt64.max]
        for base in variedJobs {
            let identity = JobIdentity(base)
            for seed in seeds {
                var job = base
                job.seed = seed
                XCTAssertEqual(job.canonicalJSON, naiveCanonicalJSON(job))
                XCTAssertEqual(job.id, naiveID(job))
                XCTAssertEqual(identity.id(seed: seed), naiveID(job), "seed \(seed)")
            }
        }
    }

    func testIdsOfRunsOfSeedsAreEachJobsId() {
        var jobs: [JobSpec] = []
        for base in variedJobs {
            for seed: UInt64 in [3, 0, 3, UInt64.max] {
                var job = base
                job.seed = seed
                jobs.append(job)
            }
        }
        jobs.append(jobs[0])
        XCTAssertEqual(JobSpec.ids(of: jobs), jobs.map(naiveID))
        XCTAssertTrue(jobs[1].differsOnlyInSeed(from: jobs[0]))
        XCTAssertTrue(jobs[2].differsOnlyInSeed(from: jobs[2]))
        XCTAssertFalse(jobs[4].differsOnlyInSeed(from: jobs[3]))
    }

    func testASpecsIdsAreItsJobsIds() throws {
        let sweep = try XCTUnwrap(parseOrFail("""
            dataset: {name: fashion-mnist, per_class: 10}
            grid: {model.depth: [1, 2], train.lr: [0.1, 0.01], train.momentum: [0.5, 0.9], dataset.path: [/a, /b]}
            cases: [{train.optimizer: sgd}, {train.optimizer: momentum}]
            seeds: [0, 1, 1, 7]
            """))
        // sgd: depth × lr × path (momentum changes nothing); momentum: × momentum too; three distinct seeds.
        XCTAssertEqual(sweep.jobs.count, (8 + 16) * 3)
        XCTAssertEqual(sweep.ids, sweep.jobs.map(naiveID))
        // A location is no part of an id (until its data is identified): /a and /b give the same ids.
        XCTAssertEqual(Set(sweep.ids).count, sweep.jobs.count / 2)
        // Data identified: /a and /b hold the same data, so every job on /b goes.
        let identified = sweep.identifyingData { _ in "same" }
        XCTAssertEqual(identified.jobs.count, sweep.jobs.count / 2)
        XCTAssertEqual(identified.ids, identified.jobs.map(naiveID))
        XCTAssertEqual(SweepSpec(name: "n", file: "f", jobs: sweep.jobs).ids, sweep.ids)
    }

    func testVaryingKeysSeeChangesAfterRunsOfSeeds() throws {
        let sweep = try XCTUnwrap(parseOrFail("""
            grid: {train.lr: [0.1, 0.1, 0.2], model.depth: [3]}
            cases: [{}, {model.batchnorm: false}]
            seeds: [0, 1, 2]
            """))
        // The reference: every key whose value differs from the first job's in any job.
        let first = try XCTUnwrap(sweep.jobs.first).params
        var naive = Set<String>()
        for job in sweep.jobs {
            let params = job.params
            for key in Set(params.keys).union(first.keys) where params[key] != first[key] { naive.insert(key) }
        }
        naive.remove("seed")
        XCTAssertEqual(sweep.varyingKeys, naive.sorted())
        XCTAssertTrue(sweep.varyingKeys.contains("train.lr") && sweep.varyingKeys.contains("model.batchnorm"), "\(sweep.varyingKeys)")
        let seedsOnly = try XCTUnwrap(parseOrFail("seeds: [4, 5, 6]"))
        XCTAssertEqual(seedsOnly.varyingKeys, [])
    }
}
