import ArgumentParser
import Foundation
import MPIRunner
import Sweep

/// `seplaw sweep SPEC --out DIR`: runs every job of a sweep, under `mpirun` across ranks or as one
/// process on all local cores, each job in a child process; resumable, results durable per job.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a sweep (under mpirun or as one process), resuming what a result directory already holds.",
        discussion: """
        Under mpirun every rank runs --slots jobs at a time (default 1) and rank 0 also hands out the jobs, \
        longest first; without mpirun the process runs as many jobs at a time as there are cores. Results go to \
        DIR/results.jsonl as they finish; running the same command again resumes. Exit status: 0 when every job \
        is ok, 1 when some job failed (see DIR/failed.txt), 2 when the sweep could not start, 130 when interrupted.
        """)

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    @Option(name: .long, help: "Result directory (created if needed; resumed if it holds this sweep).")
    var out: String

    @Option(help: "Jobs at once on each rank (default: 1 under mpirun, the number of cores otherwise).")
    var slots: Int?

    @Option(help: "Kill a job after this many seconds and record it as `timeout`.")
    var jobTimeout: Double?

    @Option(help: "OpenBLAS threads per job.")
    var blasThreads: Int = 1

    @Flag(help: "Run failed jobs of this directory again.")
    var retryFailed = false

    @Flag(help: "Switch a directory holding another spec's results to this spec (results of common jobs are kept).")
    var force = false

    @Flag(help: "Write each job's loss per epoch to its log.")
    var epochLog = false

    @Option(help: "Seconds between progress lines when standard error is not a terminal.")
    var progressInterval: Double = 5

    func validate() throws {
        if let slots, slots < 1 { throw ValidationError("--slots must be at least 1") }
        if let jobTimeout, !(jobTimeout > 0) { throw ValidationError("--job-timeout must be a positive number of seconds") }
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1") }
        guard progressInterval > 0 else { throw ValidationError("--progress-interval must be positive") }
    }

    func run() throws {
        Interrupt.install()
        let world: MPIWorld? = MPIWorld.isLaunchedByMPI ? try MPIWorld.initialize() : nil
        let slotCount = slots ?? (world == nil ? CPUAffinity.defaultSlots : 1)
        if let world, let allowed = CPUAffinity.allowedCount, slotCount > allowed {
            StandardError.write("warning: rank \(world.rank): --slots \(slotCount) but this rank may use only \(allowed) CPU"
                                + "\(allowed == 1 ? "" : "s") (mpirun binds ranks to cores by default); its jobs will share "
                                + "\(allowed == 1 ? "it" : "them"): add --bind-to none, or one rank per core with --slots 1\n")
        }
        let configuration = ExecutorConfiguration(
            executable: ExecutorConfiguration.currentExecutable,
            arguments: ["worker-job", "--blas-threads", String(blasThreads)] + (epochLog ? ["--epoch-log"] : []),
            slots: slotCount, jobTimeout: jobTimeout, blasThreads: blasThreads)
        let executor = JobExecutor(configuration: configuration)

        if let world, world.rank > 0 {
            switch try Worker(world: world, executor: executor).run() {
            case .completed:
                world.finalize()
                return
            case .interrupted:
                Foundation.exit(130)
            }
        }
        try coordinate(world: world, executor: executor, slots: slotCount)
    }

    /// Rank 0 (or the only process): opens the store, runs the coordinator, writes the summary.
    private func coordinate(world: MPIWorld?, executor: JobExecutor, slots: Int) throws {
        let started = Date(), startCPU = ProcessCPUTime.ownSeconds
        let sweep: SweepSpec, store: ResultStore, plan: ResumePlan
        do {
            sweep = try SweepSpec.load(path: spec)
            store = try ResultStore(directory: out, spec: sweep, force: force)
            plan = try store.plan(for: sweep, retryFailed: retryFailed)
        } catch {
            if let world {
                // Release the other ranks: with nothing to hand out, each of their requests gets "no work".
                _ = Coordinator(world: world, executor: executor, jobs: [], progress: nil) { _ in }.run()
                world.finalize()
            }
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        for warning in store.warnings { StandardError.write("warning: \(warning)\n") }
        let ranks = world?.size ?? 1
        print("sweep \(sweep.name): \(plan.describe(total: sweep.jobs.count)); \(ranks) rank\(ranks == 1 ? "" : "s") × \(slots) "
              + "slot\(slots == 1 ? "" : "s"); results in \(store.resultsPath)")
        flushStandardOutput()

        let progress = SweepProgress(total: sweep.jobs.count, done: plan.done, failed: plan.failedKept,
                                     pendingCost: plan.toRun.reduce(0) { $0 + $1.estimatedCost },
                                     interval: progressInterval)
        let coordinator = Coordinator(world: world, executor: executor, jobs: Coordinator.schedule(plan.toRun),
                                      progress: progress) { report in
            try store.append(report.result, line: report.line)
            try store.writeLog(report.log, for: report.result.id)
        }
        switch coordinator.run() {
        case .completed:
            break
        case .interrupted(let signal):
            let saved = store.results(of: sweep).count
            StandardError.write("""
                interrupted by \(signal): no new jobs were started and running ones were stopped; \(saved) of \
                \(sweep.jobs.count) results are saved in \(store.resultsPath).
                resume by running the same command again: seplaw sweep \(spec) --out \(out)\(world == nil ? "" : " (under mpirun)")

                """)
            Foundation.exit(130)
        case .failed(let message):
            StandardError.write("error: the sweep stopped: \(message)\n")
            world?.finalize()
            throw ExitCode(2)
        }

        let failed = try store.writeFailedList(for: sweep)
        let summary = SweepSummary(name: sweep.name, results: store.results(of: sweep))
        let path = try SummaryFiles.write(summary, to: out)
        print(summary.groupTable)
        if !failed.isEmpty {
            print("\(failed.count) job\(failed.count == 1 ? "" : "s") failed (listed in \(store.failedPath), logs in "
                  + "\(store.logsDirectory)); run again with --retry-failed to retry")
        }
        print("summary: \(path)")
        flushStandardOutput()
        let wall = Date().timeIntervalSince(started), total = ProcessCPUTime.ownSeconds, cpu = total - startCPU
        StandardError.write(String(format: "rank 0 CPU, its jobs excluded: %.3f s over %.1f s of sweep (%.2f%% of a core); "
                                   + "%.3f s since start-up\n", cpu, wall, wall > 0 ? 100 * cpu / wall : 0, total))
        world?.finalize()
        if !failed.isEmpty { throw ExitCode(1) }
    }
}

/// Flushes buffered standard output (progress goes to standard error; keep the two in order).
func flushStandardOutput() {
    fflush(nil)
}
