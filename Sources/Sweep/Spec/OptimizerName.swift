import Vocabulary

/// The optimisers a spec can name (`train.optimizer`); the engine maps each, with its hyperparameters, to
/// Network's `OptimizerKind`.
public enum OptimizerName: String, Sendable, Codable, ClosedChoice {
    /// Plain SGD.
    case sgd
    /// SGD with momentum (`train.momentum`).
    case momentum
    /// Adam (`train.betas`, `train.eps`).
    case adam

    /// Accepted alternative spellings.
    public static let aliases: [String: OptimizerName] = ["sgd-momentum": .momentum]
}
