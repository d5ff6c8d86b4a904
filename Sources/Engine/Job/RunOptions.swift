import Network
import Sweep

/// How to run a job on this process; none of it changes the job's result except the BLAS thread count and
/// the job's own thread count (both recorded in the result: for a given count, results are the same run to run).
public struct RunOptions: Sendable {
    /// OpenBLAS threads for this process.
    public var blasThreads: Int
    /// Threads one job's layers (products and element-wise passes) and optimiser split their work across.
    public var threads: Int
    /// Called after every epoch (progress display).
    public var progress: (@Sendable (EpochReport) -> Void)?
    /// Where prepared datasets are cached between jobs (nil: always load from the source files).
    public var datasetCache: DatasetCache?
    /// Given the measured features once training is done (`--dump-features`); an error fails the job.
    public var featureSink: (@Sendable (MeasuredFeatures) throws -> Void)? = nil

    /// OpenBLAS threads while the job runs: one when the job has a team of several threads (the team calls OpenBLAS
    /// from all of them at once, and OpenBLAS's own pool on top would put more threads than cores to work), else
    /// ``blasThreads``.
    public var effectiveBLASThreads: Int { threads > 1 ? 1 : blasThreads }

    public init(blasThreads: Int = 1, threads: Int = 1, progress: (@Sendable (EpochReport) -> Void)? = nil,
                datasetCache: DatasetCache? = nil) {
        self.blasThreads = blasThreads
        self.threads = max(1, threads)
        self.progress = progress
        self.datasetCache = datasetCache
    }
}
