import Vocabulary

/// How BatchNorm layers compute while features are read for measurement (`measure.batchnorm`); the engine
/// maps it to Network's layer mode.
public enum BatchNormMeasurement: String, Sendable, Codable, ClosedChoice {
    /// Batch statistics of each chunk of `measure.chunk` points (the authors' protocol).
    case train
    /// The running statistics gathered in training.
    case eval
}
