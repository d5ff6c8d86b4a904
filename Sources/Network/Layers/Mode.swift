/// How a network runs forward: BatchNorm's statistics come from the batch or from running averages.
public enum Mode: Sendable, Equatable {
    /// Batch statistics, running averages updated (training).
    case train
    /// Batch statistics, running averages left alone (measuring features as the authors do).
    case batchStatistics
    /// Running averages (evaluation).
    case eval

    var usesBatchStatistics: Bool { self != .eval }
}
