/// Which outputs of a residual network are measured points.
public enum MeasurementGranularity: String, Sendable, Codable, CaseIterable {
    /// The output of every block.
    case block
    /// The output of every convolution + BN + ReLU inside a block, and every block's output.
    case layer
}
