import Sweep

/// What a rank sends back to rank 0 for one job: its result and the tail of its standard error.
public struct JobReport: Codable, Sendable {
    public var result: JobResult
    /// The job's standard error (bounded: at most the last 256 KiB).
    public var log: String

    public init(result: JobResult, log: String) {
        self.result = result
        self.log = log
    }
}
