/// How a job ended.
public enum JobStatus: String, Codable, Sendable, CaseIterable {
    /// Trained, measured and fitted.
    case ok
    /// The training loss became non-finite.
    case diverged
    /// The job's process died on a signal (a trap, an out-of-memory kill).
    case crashed
    /// The job ran past its time limit and was stopped.
    case timeout
    /// The job could not run (bad data, an invalid measurement); `message` says why.
    case error

    public var isFailure: Bool { self != .ok }
}
