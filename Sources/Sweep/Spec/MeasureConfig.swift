/// How per-layer features are measured after training.
public struct MeasureConfig: Codable, Sendable, Equatable, Hashable {
    /// Accepted BatchNorm modes while measuring.
    public static let knownBatchnormModes = ["train", "eval"]

    /// `train`: BatchNorm uses each chunk's batch statistics; `eval`: running statistics.
    public var batchnorm: String
    /// Chunk size for batch statistics in `train` mode.
    public var chunk: Int

    /// Creates a configuration; defaults follow the authors' code (train mode, chunks of 100).
    public init(batchnorm: String = "train", chunk: Int = 100) {
        self.batchnorm = batchnorm
        self.chunk = chunk
    }
}
