/// What a sweep run will do in a result directory: which jobs run and what is already there.
public struct ResumePlan: Sendable {
    /// Jobs to run, in spec order (the coordinator reorders them longest first).
    public var toRun: [JobSpec]
    /// Jobs of the spec with an `ok` result already.
    public var done: Int
    /// Failed results kept as they are (not retried).
    public var failedKept: Int
    /// Failed jobs that run again (`--retry-failed`).
    public var retrying: Int
    /// Jobs without any result yet.
    public var fresh: Int

    /// One line for the user, e.g. `12 jobs: 5 done, 1 failed (kept; --retry-failed runs it again), 6 to run`.
    public func describe(total: Int) -> String {
        var parts: [String] = []
        if done > 0 { parts.append("\(done) done") }
        if failedKept > 0 { parts.append("\(failedKept) failed (kept; --retry-failed runs \(failedKept == 1 ? "it" : "them") again)") }
        if retrying > 0 { parts.append("\(retrying) failed to retry") }
        if fresh > 0 && (done > 0 || failedKept > 0 || retrying > 0) { parts.append("\(fresh) new") }
        parts.append("\(toRun.count) to run")
        return "\(total) job\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
