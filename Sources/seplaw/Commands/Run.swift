import ArgumentParser
import Engine
import Foundation
import Network
import Sweep

/// `seplaw run SPEC --job N`: one job in this process, with a per-layer table.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run one job of a sweep spec in this process.")

    @Argument(help: "The sweep spec (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var spec: String

    @Argument(help: ArgumentHelp("Overrides of the spec, Hydra style: train.lr=0.5 grid.model.depth=[2,4] seeds=[0,1] (values are YAML).",
                                 valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "Index of the job in `seplaw plan` (0-based).")
    var job: Int = 0

    @Option(help: "Write the JobResult as JSON to this file.", completion: .file(extensions: ["json"]))
    var json: String?

    @Option(help: "Write the measured features to this directory in `seplaw measure`'s format.")
    var dumpFeatures: String?

    @Option(help: ArgumentHelp("Append the result to DIR/results.jsonl as `seplaw sweep` does (locked, synced; for job arrays); "
                               + "a job with an ok result there is not run again.", valueName: "DIR"))
    var out: String?

    @Option(help: "OpenBLAS threads for this process (with --threads above 1, OpenBLAS runs on one thread).")
    var blasThreads: Int = 1

    @Option(help: ArgumentHelp("Threads the job's layers (products, element-wise passes) and optimiser split their work "
                               + "across; recorded in the result (results are the same run to run for a given count)."))
    var threads: Int = 1

    @Flag(help: "Print a line per epoch to standard error, also when it is not a terminal (a terminal gets one redrawn line).")
    var progress = false

    func validate() throws {
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let sweep = try loadSpec(spec, overrides: overrides)
        guard sweep.jobs.indices.contains(job) else {
            throw ValidationError("\(spec): --job \(job) is out of range: the sweep has \(sweep.jobs.count) jobs (0…\(sweep.jobs.count - 1))")
        }
        let plan: JobPlan
        do {
            plan = try sweep.plan(sweep.jobs[job])
            try sweep.checkData([plan])
        } catch {
            throw ValidationError(error.description)
        }
        let store = out.map { directory in
            var store = SharedResultStore(directory: directory, spec: sweep)
            store.onWait = { StandardError.write($0 + "\n") }
            return store
        }
        if let store, try storeStep({ try store.prepare(job: plan.id) })?.status == .ok {
            print("job \(job) of \(sweep.name): \(plan.id) already has an ok result in \(store.resultsPath); not run again")
            return
        }
        print("job \(job) of \(sweep.name): \(plan.id)")
        var reporter: (@Sendable (EpochReport) -> Void)?
        if progress {
            reporter = { report in
                let loss = String(format: "%.4f", report.loss), accuracy = String(format: "%.3f", report.accuracy)
                StandardError.write("epoch \(report.epoch)/\(report.epochs)  loss \(loss)  accuracy \(accuracy)  lr \(report.learningRate.shortText)\n")
            }
        } else if ProgressLine.isTerminal {
            let line = ProgressLine()
            reporter = { line.update($0) }
        }
        var options = RunOptions(blasThreads: blasThreads, threads: threads, progress: reporter,
                                 datasetCache: DatasetCache.fromEnvironment())
        if let dumpFeatures { options.featureSink = { try $0.write(to: dumpFeatures) } }
        let result = JobRunner.run(plan, options: options)
        print(ResultPrinter.describe(result))
        if let json {
            do {
                try FileIO.writeAtomically(try JSONCoding.encoder(pretty: true).encode(result), to: json)
            } catch {
                StandardError.write("error: --json: \(error)\n")
                throw ExitCode(2)
            }
            print("wrote \(json)")
        }
        if let store {
            try storeStep { try store.append(result) }
            print("appended to \(store.resultsPath)")
        }
        if result.status != .ok { throw ExitCode(2) }
    }

    /// Runs a step on the result directory; its error (a `StoreError`) is reported as `seplaw sweep` does (exit status 2).
    private func storeStep<T>(_ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }
}
