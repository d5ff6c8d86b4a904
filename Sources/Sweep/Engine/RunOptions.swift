import Network

/// How to run a job on this process; none of it changes the job's result except the BLAS thread count
/// (recorded in the result).
public struct RunOptions: Sendable {
    /// OpenBLAS threads for this process.
    public var blasThreads: Int
    /// Called after every epoch (progress display).
    public var progress: (@Sendable (EpochReport) -> Void)?

    public init(blasThreads: Int = 1, progress: (@Sendable (EpochReport) -> Void)? = nil) {
        self.blasThreads = blasThreads
        self.progress = progress
    }
}
