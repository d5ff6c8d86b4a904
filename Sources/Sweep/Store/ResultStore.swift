import Foundation

/// A sweep's result directory, as rank 0 (the only writer) sees it:
///
/// - `results.jsonl`: one `JobResult` per line, appended and synced to disk per result;
/// - `sweep.yaml`: the resolved spec the results belong to (a different spec is refused);
/// - `failed.txt`: the failed jobs of the last run; `logs/<job-id>.log`: each job's standard error;
/// - `superseded.jsonl`: results set aside by `--force` because their jobs left the spec.
///
/// Opening takes an exclusive lock on the directory for the store's lifetime.
public final class ResultStore {
    public let directory: String
    /// Problems found while opening (a torn last line, corrupt lines), for the user.
    public private(set) var warnings: [String] = []
    /// The last result of each job id in `results.jsonl`.
    public private(set) var results: [String: JobResult] = [:]
    /// The sweep this directory holds.
    public private(set) var sweep: ResolvedSweep

    private let lock: DirectoryLock
    private var entries: [ResultsFile.Entry]
    private var log: AppendLog

    public static func resultsPath(in directory: String) -> String { directory + "/results.jsonl" }
    public static func sweepPath(in directory: String) -> String { directory + "/sweep.yaml" }
    public var resultsPath: String { Self.resultsPath(in: directory) }
    public var sweepPath: String { Self.sweepPath(in: directory) }
    public var failedPath: String { directory + "/failed.txt" }
    public var supersededPath: String { directory + "/superseded.jsonl" }
    public var logsDirectory: String { directory + "/logs" }

    /// Opens (creating if needed) `directory` for `spec`. A directory holding a different sweep is
    /// refused with what differs, unless `force`: then the new spec replaces the old, results of jobs
    /// in both are kept and the others move to `superseded.jsonl`.
    public init(directory: String, spec: SweepSpec, force: Bool = false) throws(StoreError) {
        self.directory = directory
        try FileIO.makeDirectory(directory)
        try FileIO.makeDirectory(directory + "/logs")
        lock = try DirectoryLock(directory: directory)

        let resultsPath = Self.resultsPath(in: directory), sweepPath = Self.sweepPath(in: directory)
        var file = try ResultsFile.read(path: resultsPath)
        warnings = file.warnings
        var wanted = ResolvedSweep(spec: spec)
        var previous: ResolvedSweep?
        if let data = try FileIO.read(sweepPath) {
            previous = try ResolvedSweep.parse(String(decoding: data, as: UTF8.self), file: sweepPath)
        }

        let wantedIDs = Set(wanted.ids)
        var differences: [String] = []
        if let previous {
            differences = previous.differences(to: wanted, oldLabel: "directory", newLabel: "spec")
        } else {
            let strangers = Set(file.entries.map(\.id)).subtracting(wantedIDs)
            if !strangers.isEmpty {
                differences = ["results.jsonl holds results of \(strangers.count) job\(strangers.count == 1 ? "" : "s") "
                               + "that \(spec.file) does not define, and there is no sweep.yaml"]
            }
        }
        if !differences.isEmpty && !force {
            let previousName = previous.map { "sweep '\($0.name)'" + ($0.source.isEmpty ? "" : " from \($0.source)") }
                ?? "another sweep"
            throw StoreError(path: directory, message: "holds results of \(previousName), which differs from \(spec.file):\n  "
                             + differences.joined(separator: "\n  ")
                             + "\nuse another --out directory, or --force to switch this directory to the new spec "
                             + "(results of jobs in both are kept; the others move to superseded.jsonl)")
        }

        if file.missingFinalNewline || file.tornBytes > 0 || (!differences.isEmpty && force) {
            // Rewrite: keep only results of the wanted jobs; set the others aside; drop a torn tail.
            let keep = file.entries.filter { wantedIDs.contains($0.id) }
            let setAside = file.entries.filter { !wantedIDs.contains($0.id) }
            if !setAside.isEmpty {
                let aside = try AppendLog(path: directory + "/superseded.jsonl")
                for entry in setAside { try aside.append(line: entry.line) }
                warnings.append("\(directory): moved \(setAside.count) result\(setAside.count == 1 ? "" : "s") of jobs no longer "
                                + "in the spec to superseded.jsonl")
            }
            try Self.rewrite(resultsPath, with: keep)
            file = try ResultsFile.read(path: resultsPath)
        }
        entries = file.entries
        results = file.latest
        var previousWithoutProvenance = previous
        previousWithoutProvenance?.provenance = nil
        if previousWithoutProvenance?.yaml != wanted.yaml {  // compare text: JSON reads 4.0 back as the integer 4
            wanted.provenance = .current(started: Date(), finished: nil)
            sweep = wanted
            try FileIO.writeAtomically(Data(wanted.yaml.utf8), to: sweepPath)
        } else {
            wanted.provenance = previous?.provenance
            sweep = wanted
        }
        log = try AppendLog(path: resultsPath)
    }

    /// Decides what to run: jobs without a result, plus failed ones when `retryFailed` (their old
    /// results are removed from `results.jsonl` first, so each job keeps exactly one line), plus jobs whose
    /// result records another data digest than the job's `dataset.digest`.
    public func plan(for spec: SweepSpec, retryFailed: Bool) throws(StoreError) -> ResumePlan {
        var plan = ResumePlan(toRun: [], done: 0, failedKept: 0, retrying: 0, fresh: 0)
        var retryIDs = Set<String>()
        var stale = 0
        for job in spec.jobs {
            if let expected = job.dataset.digest, let recorded = results[job.id]?.dataDigest, recorded != expected {
                // Computed on other data than the job now names: never handed back as done.
                stale += 1
                plan.fresh += 1
                retryIDs.insert(job.id)
                plan.toRun.append(job)
                continue
            }
            switch results[job.id]?.status {
            case .ok?:
                plan.done += 1
            case let status? where status.isFailure:
                if retryFailed {
                    plan.retrying += 1
                    retryIDs.insert(job.id)
                    plan.toRun.append(job)
                } else {
                    plan.failedKept += 1
                }
            default:
                plan.fresh += 1
                plan.toRun.append(job)
            }
        }
        if stale > 0 {
            warnings.append("\(resultsPath): \(stale) result\(stale == 1 ? " was" : "s were") computed on other data than "
                            + "\(stale == 1 ? "its job reads" : "their jobs read") now (data_digest differs); "
                            + "\(stale == 1 ? "it runs" : "they run") again")
        }
        if !retryIDs.isEmpty {
            let keep = entries.filter { !retryIDs.contains($0.id) }
            try Self.rewrite(resultsPath, with: keep)
            log = try AppendLog(path: resultsPath)  // the rename replaced the file the old handle appended to
            entries = keep
            for id in retryIDs { results[id] = nil }
        }
        return plan
    }

    /// Appends `result` to `results.jsonl`; it is on disk when this returns. `line`, when given, is
    /// `result` already encoded as one line of JSON (as the job wrote it), stored as is.
    public func append(_ result: JobResult, line encoded: String? = nil) throws(StoreError) {
        let line: String
        if let encoded, !encoded.isEmpty, !encoded.contains("\n") {
            line = encoded
        } else {
            do {
                line = try JSONCoding.line(result)
            } catch {
                throw StoreError(path: resultsPath, message: "cannot encode the result of job \(result.id): \(error)")
            }
        }
        try log.append(line: line)
        entries.append(ResultsFile.Entry(id: result.id, line: line, result: result))
        results[result.id] = result
    }

    /// Writes a job's standard error to `logs/<job-id>.log` (replacing an older one).
    public func writeLog(_ text: String, for id: String) throws(StoreError) {
        let safe = String(id.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }.prefix(64))
        // Logs are diagnostics: replaced atomically but not synced (results are; syncing logs doubles the cost).
        try FileIO.writeAtomically(Data(text.utf8), to: "\(logsDirectory)/\(safe.isEmpty ? "job" : safe).log", durable: false)
    }

    /// The spec's jobs whose result is a failure, in spec order.
    public func failures(in spec: SweepSpec) -> [JobResult] {
        spec.jobs.compactMap { results[$0.id] }.filter { $0.status.isFailure }
    }

    /// The results of the spec's jobs, in spec order.
    public func results(of spec: SweepSpec) -> [JobResult] {
        spec.jobs.compactMap { results[$0.id] }
    }

    /// Writes `failed.txt`: one line per failed job of `spec` (`id<TAB>status<TAB>message`); empty when none.
    /// A tab, line break or other control character inside a field is written as a space, so every line keeps
    /// its three columns.
    @discardableResult
    public func writeFailedList(for spec: SweepSpec) throws(StoreError) -> [JobResult] {
        let failed = failures(in: spec)
        let text = failed.map { result in
            "\(Self.column(result.id))\t\(result.status.rawValue)\t\(Self.column(result.message ?? ""))\n"
        }.joined()
        try FileIO.writeAtomically(Data(text.utf8), to: failedPath)
        return failed
    }

    /// `text` as one tab-separated column: control characters (tab, line breaks, …) become spaces.
    static func column(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" ? " " : scalar
        }))
    }

    private static func rewrite(_ path: String, with entries: [ResultsFile.Entry]) throws(StoreError) {
        let text = entries.map { $0.line + "\n" }.joined()
        try FileIO.writeAtomically(Data(text.utf8), to: path)
    }
}
