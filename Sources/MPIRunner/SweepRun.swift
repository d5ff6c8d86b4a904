import Foundation
import Sweep

/// A sweep in one result directory, as a library type: opens the store (creating or resuming it), works out
/// what is left to run, runs it through a `Coordinator` (under MPI or in this process) and writes the
/// failure list, the summary and the report. The command line only parses its arguments and prints; tests
/// drive the whole loop in process.
public final class SweepRun {
    /// What a completed sweep wrote.
    public struct Outputs {
        /// The jobs of the spec whose result is a failure (also in `failed.txt`).
        public let failed: [JobResult]
        public let summary: SweepSummary
        public let summaryPath: String
        public let reportPath: String
    }

    public let spec: SweepSpec
    public let store: ResultStore
    /// What runs and what is kept.
    public let resume: ResumePlan
    private let costs: [String: Double]

    /// Opens `directory` for `spec` (refusing another spec's directory unless `force`), decides what runs
    /// (`retryFailed`: failed jobs too), and checks the directory takes writes when anything is to run.
    /// `costs` maps job ids to their estimated cost (longest first; the ETA).
    public init(spec: SweepSpec, costs: [String: Double], directory: String, retryFailed: Bool = false,
                force: Bool = false) throws(StoreError) {
        self.spec = spec
        self.costs = costs
        store = try ResultStore(directory: directory, spec: spec, force: force)
        resume = try store.plan(for: spec, retryFailed: retryFailed)
        if !resume.toRun.isEmpty { try store.checkWritable() }
    }

    /// The jobs to run in the order they are handed out.
    public var queue: [QueuedJob] {
        QueuedJob.schedule(resume.toRun.map { job in
            let id = job.id
            return QueuedJob(spec: job, id: id, cost: costs[id] ?? 0)
        })
    }

    /// `sweep NAME: 6 jobs: … to run; 2 ranks × 1 slot; results in DIR/results.jsonl`.
    public func headline(ranks: Int, slots: Int) -> String {
        "sweep \(spec.name): \(resume.describe(total: spec.jobs.count)); \(ranks) rank\(ranks == 1 ? "" : "s") × \(slots) "
            + "slot\(slots == 1 ? "" : "s"); results in \(store.resultsPath)"
    }

    /// Runs every job left (rank 0, or the only process), recording each result and its log as it arrives.
    public func run(world: (any RankChannel)?, launcher: any JobLauncher, progressInterval: Double = 5,
                    showProgress: Bool = true, progressLabel: String = "sweep") -> Coordinator.Outcome {
        let queue = self.queue
        let progress = showProgress
            ? SweepProgress(total: spec.jobs.count, done: resume.done, failed: resume.failedKept,
                            pendingCost: queue.reduce(0) { $0 + $1.cost }, interval: progressInterval,
                            label: progressLabel)
            : nil
        let store = self.store
        let coordinator = Coordinator(world: world, executor: launcher, jobs: queue, progress: progress) { report in
            try store.append(report.result, line: report.line)
            try store.writeLog(report.log, for: report.result.id)
        }
        return coordinator.run()
    }

    /// After a completed run: writes `failed.txt`, the summary files and the report.
    public func writeOutputs() throws(StoreError) -> Outputs {
        let failed = try store.writeFailedList(for: spec)
        // A result whose values cannot be real (an edited line) is shown as an error saying so, as `report` does.
        let results = store.results(of: spec).map { result in
            let problems = ResultDomain.problems(result)
            return problems.isEmpty ? result : ResultDomain.flagged(result, problems: problems)
        }
        let summary = SweepSummary(name: spec.name, results: results)
        let summaryPath = try SummaryFiles.write(summary, to: store.directory)
        try TidyTables.write(summary, results: results, to: store.directory)
        let reportPath = try HTMLReport.write(summary: summary, results: results, to: store.directory)
        return Outputs(failed: failed, summary: summary, summaryPath: summaryPath, reportPath: reportPath)
    }

    /// How many of the spec's results the store holds (for the message after an interruption).
    public var savedCount: Int { store.results(of: spec).count }

    /// Lets the other ranks finish when rank 0 cannot start a sweep: each request is answered "no work".
    public static func releaseRanks(world: any RankChannel, launcher: any JobLauncher) {
        _ = Coordinator(world: world, executor: launcher, jobs: [], progress: nil) { _ in }.run()
    }
}
