import Engine
import Foundation
import FuzzSupport
import Sweep

/// The fixed two-job sweep the store fuzzer opens directories for, and the seed files made from it.
enum FuzzStoreFixture {
    static let specText = """
        name: fuzz
        dataset: {name: gaussian, dimension: 8, per_class: 10, test_per_class: 4}
        model: {depth: 1, width: 8, batchnorm: true}
        train: {optimizer: sgd, lr: 0.05, epochs: 1, batch_size: 16}
        seeds: [0, 1]

        """

    static let spec: SweepSpec = {
        do { return try SweepSpec.parse(yaml: specText, file: "fuzz-fixture.yaml") } catch {
            fatalError("fuzz harness: the fixture spec does not parse: \(error)")
        }
    }()

    static let resolved = ResolvedSweep(spec: spec)

    /// Opens a store on a fresh directory whose `results.jsonl` holds `results`; it must open (with
    /// warnings for bad lines) or refuse with an error naming the directory or one of its files.
    static func openStore(results: [UInt8]) {
        let directory = FuzzFiles.directory + "/store-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(resolved.yaml.utf8).write(to: URL(fileURLWithPath: ResultStore.sweepPath(in: directory)))
            try Data(results).write(to: URL(fileURLWithPath: ResultStore.resultsPath(in: directory)))
        } catch {
            fatalError("fuzz harness: cannot prepare \(directory): \(error)")
        }
        do {
            let store = try ResultStore(directory: directory, spec: spec)
            let plan = try store.plan(for: spec, retryFailed: true)
            precondition(plan.toRun.count <= spec.jobs.count, "plan runs more jobs than the spec has")
            _ = store.results(of: spec)
            // What is left on disk must read back cleanly: a resumed store never leaves a torn line behind.
            let again = try ResultsFile.read(path: store.resultsPath)
            precondition(again.tornBytes == 0, "the store left a torn line in results.jsonl")
        } catch let error as StoreError {
            precondition(error.path.hasPrefix(directory), "error does not name the directory or its file: \(error)")
        } catch {
            preconditionFailure("unexpected error type: \(error)")
        }
    }

    /// Writes seed inputs (mode byte + file) to `directory`: the fixture's real results, a torn copy,
    /// its sweep.yaml, each for the readers that take them.
    static func writeSeeds(to directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var lines: [String] = []
        for job in spec.jobs {
            let result = JobRunner.run(job)
            if let line = try? JSONCoding.line(result) { lines.append(line) }
        }
        let results = Array((lines.joined(separator: "\n") + "\n").utf8)
        let seeds: [(String, UInt8, [UInt8])] = [
            ("results", 0, results), ("results-torn", 0, Array(results.dropLast(37))),
            ("sweep-yaml", 1, Array(resolved.yaml.utf8)),
            ("store", 2, results), ("store-torn", 2, Array(results.dropLast(11))), ("store-empty", 2, []),
        ]
        for (name, mode, body) in seeds {
            FileManager.default.createFile(atPath: "\(directory)/\(name)", contents: Data([mode] + body))
        }
        print("wrote \(seeds.count) seeds to \(directory) (\(lines.count) real results)")
    }
}
