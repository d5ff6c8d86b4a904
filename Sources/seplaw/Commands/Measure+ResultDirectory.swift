import ArgumentParser
import Engine
import Foundation
import MPIRunner
import Sweep

extension Measure {
    /// `seplaw measure DIR… --out RESULTDIR`: the directories as the jobs of a sweep (`JobSpec.features`), run by
    /// the sweep's machinery: each in a child process (the worker protocol), shared across ranks under mpirun,
    /// every result appended and synced to RESULTDIR/results.jsonl, then failed.txt, the summary and the report.
    /// Running it again measures only what is missing.
    func measureIntoResultDirectory(_ out: String) throws {
        Interrupt.install()
        let world: MPIWorld? = MPIWorld.isLaunchedByMPI ? try MPIWorld.initialize() : nil
        var configuration = ExecutorConfiguration(executable: ExecutorConfiguration.currentExecutable, slots: slots,
                                                  jobTimeout: jobTimeout, blasThreads: blasThreads)
        configuration.defaultTimeout = nil
        let executor = JobExecutor(configuration: configuration)
        if try RankRoles.serveAsWorker(world: world, executor: executor, slots: slots) { return }

        let sweep = try RankRoles.openSweep(world: world, executor: executor) {
            guard let (spec, costs, warnings) = featureSweep() else {
                // A signal while the directories were being digested: nothing was measured or written.
                RankRoles.release(world: world, executor: executor)
                StandardError.write("interrupted by \(Interrupt.signalName ?? "a signal") before anything was measured\n")
                RankRoles.exitInterrupted(world: world)
            }
            for warning in warnings { StandardError.write("warning: \(warning)\n") }
            if !force, let refusal = try Self.refusal(directory: out, spec: spec) {
                throw StoreError(path: out, message: refusal)
            }
            return try SweepRun(spec: spec, costs: costs, directory: out, retryFailed: retryFailed, force: force)
        }
        let store = sweep.store, total = sweep.spec.jobs.count
        for warning in store.warnings { StandardError.write("warning: \(warning)\n") }
        Interrupt.setNotice("""
            interrupted by {signal}: no new directories are started and running ones are stopped; every result stored \
            so far in \(store.resultsPath) is kept.
            resume by running the same command again: \(SweepCommand.commandLine)

            """)
        print("measure: \(Self.describe(sweep.resume, total: total)); \(world?.size ?? 1) rank\((world?.size ?? 1) == 1 ? "" : "s") × "
              + "\(slots) slot\(slots == 1 ? "" : "s"); results in \(store.resultsPath)")
        flushStandardOutput()

        switch sweep.run(world: world, launcher: executor, progressLabel: "measure") {
        case .completed:
            break
        case .interrupted(let signal):
            StandardError.write("incomplete (\(signal)): \(sweep.savedCount) of \(total) results are saved in \(store.resultsPath); "
                                + "run the same command again to resume\n")
            RankRoles.exitInterrupted(world: world)
        case .failed(let message):
            StandardError.write("error: the measurement stopped: \(message)\n")
            world?.finalize()
            throw ExitCode(2)
        }

        let outputs = try sweep.writeOutputs()
        print(outputs.summary.groupTable)
        if !outputs.failed.isEmpty {
            for result in outputs.failed {
                StandardError.write("failed: \(result.spec.features?.directory ?? result.id): \(result.message ?? result.status.rawValue)\n")
            }
            print("\(outputs.failed.count) of \(total) director\(total == 1 ? "y" : "ies") could not be measured (listed in "
                  + "\(store.failedPath), logs in \(store.logsDirectory)); --retry-failed measures them again")
        }
        print("summary: \(outputs.summaryPath)")
        print("report: \(outputs.reportPath)")
        flushStandardOutput()
        world?.finalize()
        if !outputs.failed.isEmpty { throw ExitCode(1) }
    }

    /// One job per directory, identified by its content and `--pca`; a directory holding the same features as an
    /// earlier one is measured once (with a warning). Costs are the bytes to read (the largest start first). Nil when a
    /// signal arrives meanwhile (digesting many large directories takes a while).
    private func featureSweep() -> (spec: SweepSpec, costs: [String: Double], warnings: [String])? {
        let cache = DatasetCache.fromEnvironment()?.directory
        var jobs: [JobSpec] = [], costs: [String: Double] = [:], warnings: [String] = []
        var firstDirectory: [String: String] = [:]
        for directory in directories {
            if Interrupt.received != nil { return nil }
            let content = FeatureMeasurement.digest(of: directory, cacheDirectory: cache)
            var job = JobSpec()
            job.features = FeatureJob(directory: directory, digest: content?.digest, pca: pca)
            let id = job.id
            if let first = firstDirectory[id] {
                warnings.append(first == directory ? "\(directory) is given twice; measured once"
                                : "\(directory) holds the same features as \(first); measured once")
                continue
            }
            firstDirectory[id] = directory
            jobs.append(job)
            costs[id] = content?.bytes ?? 0
        }
        return (SweepSpec(name: "measure", file: "the directories on the command line", jobs: jobs), costs, warnings)
    }

    /// `3 directories: 2 measured, 1 to measure`.
    static func describe(_ plan: ResumePlan, total: Int) -> String {
        var parts: [String] = []
        if plan.done > 0 { parts.append("\(plan.done) measured") }
        if plan.failedKept > 0 {
            parts.append("\(plan.failedKept) failed (kept; --retry-failed measures \(plan.failedKept == 1 ? "it" : "them") again)")
        }
        if plan.retrying > 0 { parts.append("\(plan.retrying) failed to measure again") }
        parts.append("\(plan.toRun.count) to measure")
        return "\(total) director\(total == 1 ? "y" : "ies"): " + parts.joined(separator: ", ")
    }

    /// Why `directory` cannot take these directories' results without `--force`, in their terms (directories new,
    /// gone or whose features changed, another `--pca`); nil when it can, or when it holds no measurement (then the
    /// store decides, as for a sweep).
    static func refusal(directory: String, spec: SweepSpec) throws -> String? {
        let path = ResultStore.sweepPath(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(path: path, message: "cannot read the file")
        }
        let previous = try ResolvedSweep.parse(String(decoding: data, as: UTF8.self), file: path)
        let wanted = ResolvedSweep(spec: spec)
        guard Set(previous.ids) != Set(wanted.ids) else { return nil }
        let key = "features.directory"
        guard previous.jobs.allSatisfy({ $0.params[key] != nil }) else { return nil }
        let byDirectory = { (jobs: [ResolvedSweep.Job]) -> [String: ResolvedSweep.Job] in
            Dictionary(jobs.map { ($0.params[key].map(Self.text) ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        }
        let before = byDirectory(previous.jobs), now = byDirectory(wanted.jobs)
        var lines: [String] = []
        let pcaBefore = Set(previous.jobs.map { $0.params["measure.pca"].map(Self.text) ?? "none" })
        let pcaNow = Set(wanted.jobs.map { $0.params["measure.pca"].map(Self.text) ?? "none" })
        if pcaBefore != pcaNow {
            lines.append("--pca: \(pcaBefore.sorted().joined(separator: ", ")) before, \(pcaNow.sorted().joined(separator: ", ")) now")
        }
        let changed = now.keys.filter { name in before[name].map { $0.id != now[name]?.id } ?? false }.sorted()
        let added = now.keys.filter { before[$0] == nil }.sorted(), gone = before.keys.filter { now[$0] == nil }.sorted()
        if pcaBefore == pcaNow, !changed.isEmpty {
            lines.append("features changed since they were measured: \(list(changed))")
        }
        if !added.isEmpty { lines.append("not measured here before: \(list(added))") }
        if !gone.isEmpty { lines.append("measured here but not given now: \(list(gone))") }
        if lines.isEmpty { lines.append("the same directories hold other features than when they were measured") }
        return "holds the measurement of other feature directories:\n  " + lines.joined(separator: "\n  ")
            + "\nuse another --out directory, or --force to switch it to these directories (results of features in both are "
            + "kept; the others move to superseded.jsonl)"
    }

    /// A parameter as the user wrote it (a string without its JSON quotes).
    private static func text(_ value: ParamValue) -> String {
        if case .string(let string) = value { return string }
        return value.description
    }

    private static func list(_ names: [String]) -> String {
        names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", … (\(names.count) in all)" : "")
    }
}
