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

    @Option(help: "OpenBLAS threads for this process.")
    var blasThreads: Int = 1

    @Flag(help: "Print a line per epoch to standard error, also when it is not a terminal (a terminal gets one redrawn line).")
    var progress = false

    func validate() throws {
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1") }
    }

    func run() throws {
        let sweep = try loadSpec(spec, overrides: overrides)
        guard sweep.jobs.indices.contains(job) else {
            throw ValidationError("\(spec): --job \(job) is out of range: the sweep has \(sweep.jobs.count) jobs (0…\(sweep.jobs.count - 1))")
        }
        let plan: JobPlan
        do {
            plan = try sweep.plan(sweep.jobs[job])
        } catch {
            throw ValidationError(error.description)
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
        let result = JobRunner.run(plan, options: RunOptions(blasThreads: blasThreads, progress: reporter,
                                                              datasetCache: DatasetCache.fromEnvironment()))
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
        if result.status != .ok { throw ExitCode(2) }
    }
}
