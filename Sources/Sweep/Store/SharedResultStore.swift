import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sweep's result directory written by independent processes, one job each (the tasks of a Slurm job
/// array: `seplaw run SPEC --job N --out DIR`). Each access takes the directory's lock (`DIR/.lock`, the
/// one `seplaw sweep` holds), waiting while another process has it, so tasks on one node or on a shared
/// file system append one whole line at a time. Files are those of `ResultStore`: the first task writes
/// `sweep.yaml`, later ones must match it; results are appended to `results.jsonl` and synced one by one.
public struct SharedResultStore: Sendable {
    public let directory: String
    public let sweep: ResolvedSweep
    public let specFile: String
    /// How long to wait for the lock before giving up (a `seplaw sweep` may hold it for its whole run).
    public var lockTimeout: TimeInterval
    /// Told once, with a message naming the directory, when the lock is busy and the store starts waiting.
    public var onWait: (@Sendable (String) -> Void)?

    public var resultsPath: String { ResultStore.resultsPath(in: directory) }

    public init(directory: String, spec: SweepSpec, lockTimeout: TimeInterval = 600) {
        self.directory = directory
        self.sweep = ResolvedSweep(spec: spec)
        self.specFile = spec.file
        self.lockTimeout = lockTimeout
    }

    /// Creates the directory if needed, writes `sweep.yaml` if there is none, refuses a directory of
    /// another sweep, and returns the stored result of job `id` (the last one), if any.
    public func prepare(job id: String) throws(StoreError) -> JobResult? {
        try FileIO.makeDirectory(directory)
        return try withLock { () throws(StoreError) -> JobResult? in
            let file = try ResultsFile.read(path: resultsPath)
            try adoptSweep(storedIDs: file.entries.map(\.id))
            return file.latest[id]
        }
    }

    /// Appends `result` to `results.jsonl` under the lock; it is on disk when this returns. A torn last
    /// line left by a killed writer is cut off first (as `seplaw sweep` does on opening).
    public func append(_ result: JobResult) throws(StoreError) {
        let line: String
        do {
            line = try JSONCoding.line(result)
        } catch {
            throw StoreError(path: resultsPath, message: "cannot encode the result of job \(result.id): \(error)")
        }
        try FileIO.makeDirectory(directory)
        try withLock { () throws(StoreError) in
            let file = try ResultsFile.read(path: resultsPath)
            try adoptSweep(storedIDs: file.entries.map(\.id))
            if file.missingFinalNewline || file.tornBytes > 0 {
                let text = file.entries.map { $0.line + "\n" }.joined()
                try FileIO.writeAtomically(Data(text.utf8), to: resultsPath)
            }
            try AppendLog(path: resultsPath).append(line: line)
        }
    }

    /// Checks `sweep.yaml` against this sweep, writing it when absent (call with the lock held).
    private func adoptSweep(storedIDs: [String]) throws(StoreError) {
        let sweepPath = ResultStore.sweepPath(in: directory)
        var differences: [String] = []
        var previousName = "another sweep"
        if let data = try FileIO.read(sweepPath) {
            let previous = try ResolvedSweep.parse(String(decoding: data, as: UTF8.self), file: sweepPath)
            differences = previous.differences(to: sweep, oldLabel: "directory", newLabel: "spec")
            previousName = "sweep '\(previous.name)'" + (previous.source.isEmpty ? "" : " from \(previous.source)")
        } else {
            let strangers = Set(storedIDs).subtracting(sweep.ids)
            if !strangers.isEmpty {
                differences = ["results.jsonl holds results of \(strangers.count) job\(strangers.count == 1 ? "" : "s") "
                               + "that \(specFile) does not define, and there is no sweep.yaml"]
            } else {
                try FileIO.writeAtomically(Data(sweep.yaml.utf8), to: sweepPath)
            }
        }
        guard differences.isEmpty else {
            throw StoreError(path: directory, message: "holds results of \(previousName), which differs from \(specFile):\n  "
                             + differences.joined(separator: "\n  ")
                             + "\nuse another --out directory (`seplaw sweep --force` switches a directory to a new spec)")
        }
    }

    /// Runs `body` holding an exclusive `flock` on `DIR/.lock`, polling for it up to `lockTimeout`.
    private func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let path = directory + "/.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError(path: path, message: "cannot open the lock file: \(FileIO.errnoText)") }
        defer { close(fd) }  // closing releases the lock
        let deadline = Date().addingTimeInterval(lockTimeout)
        var pause: useconds_t = 5_000
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw StoreError(path: directory, message: "cannot lock the directory: \(FileIO.errnoText)")
            }
            if !told {
                onWait?("\(directory): another seplaw process (a `seplaw sweep`?) holds this directory's lock; "
                        + "waiting up to \(Int(lockTimeout)) s for it")
                told = true
            }
            guard Date() < deadline else {
                throw StoreError(path: directory, message: "another seplaw process (a `seplaw sweep`?) has held this directory "
                                 + "for \(Int(lockTimeout)) s; the result was not stored")
            }
            usleep(pause)
            pause = min(pause * 2, 500_000)
        }
        return try body()
    }
}
