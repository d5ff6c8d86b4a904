/// The end state of a training run.
public struct TrainingOutcome: Sendable {
    /// Epochs completed (fewer than asked when the loss diverged).
    public let epochsCompleted: Int
    /// Mean training loss of the last epoch (NaN if no epoch ran).
    public let finalLoss: Double
    /// True when the loss became non-finite; training stopped there.
    public let diverged: Bool
}
