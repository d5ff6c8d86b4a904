/// Whether a result directory holds a finished sweep: how many of the jobs in its `sweep.yaml` have results,
/// and whether a sweep is running there now. The report marks a sweep that is not finished.
public struct DirectoryStatus: Sendable, Equatable {
    /// Jobs in `sweep.yaml` (nil without one, e.g. a directory written by `summarize --out`).
    public var expected: Int?
    /// How many of those jobs have a result.
    public var present: Int
    /// Whether a sweep holds the directory's lock now.
    public var running: Bool

    /// The status of `directory`, whose results are `results`.
    public static func of(directory: String, results: [JobResult]) -> DirectoryStatus {
        let sweepPath = ResultStore.sweepPath(in: directory)
        var expected: Int?, present = results.count
        if let data = try? FileIO.read(sweepPath),
           let sweep = try? ResolvedSweep.parse(String(decoding: data, as: UTF8.self), file: sweepPath) {
            let ids = Set(sweep.ids)
            expected = ids.count
            present = Set(results.map(\.id)).intersection(ids).count
        }
        return DirectoryStatus(expected: expected, present: present, running: DirectoryLock.isHeld(directory: directory))
    }

    /// `a sweep is still running here: 3 of 8 jobs have results so far`, `incomplete: …`, or nil when finished.
    public var note: String? {
        let counted = expected.map { "\(present) of \($0) jobs have results" } ?? "\(present) jobs have results"
        if running { return "a sweep is still running in this directory: \(counted) so far" }
        if let expected, present < expected { return "incomplete: \(counted); run the sweep again to finish it" }
        return nil
    }
}
