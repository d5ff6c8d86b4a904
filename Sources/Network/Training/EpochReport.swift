/// What one finished epoch looked like (for progress display and loss curves).
public struct EpochReport: Sendable {
    /// 1-based epoch number.
    public let epoch: Int
    public let epochs: Int
    /// Mean training loss over the epoch's minibatches, weighted by batch size.
    public let loss: Double
    /// Fraction of training points the minibatch forward passes classified correctly.
    public let accuracy: Double
    public let learningRate: Double
}
