/// Optimiser and schedule of a job.
public struct TrainConfig: Codable, Sendable, Equatable, Hashable {
    /// Optimisers the spec accepts (after aliases).
    public static let knownOptimizers = ["sgd", "momentum", "adam"]
    /// Accepted alternative spellings → canonical optimiser name.
    public static let optimizerAliases = ["sgd-momentum": "momentum"]

    /// `sgd`, `momentum` (SGD with momentum) or `adam`.
    public var optimizer: String
    public var lr: Double
    public var epochs: Int
    public var batchSize: Int
    /// L2 penalty applied by the optimiser.
    public var weightDecay: Double
    /// Momentum coefficient; used only by `momentum`.
    public var momentum: Double
    /// Adam's (β1, β2); used only by `adam`.
    public var betas: [Double]
    /// Adam's ε; used only by `adam`.
    public var eps: Double
    /// Epochs at which the learning rate is multiplied by `gamma`.
    public var milestones: [Int]
    public var gamma: Double

    /// Creates a configuration; `milestones: nil` means `TrainConfig.defaultMilestones(epochs:)`.
    public init(optimizer: String = "sgd", lr: Double = 0.01, epochs: Int = 600, batchSize: Int = 128,
                weightDecay: Double = 5e-4, momentum: Double = 0.9, betas: [Double] = [0.9, 0.999],
                eps: Double = 1e-8, milestones: [Int]? = nil, gamma: Double = 0.1) {
        self.optimizer = optimizer
        self.lr = lr
        self.epochs = epochs
        self.batchSize = batchSize
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.betas = betas
        self.eps = eps
        self.milestones = milestones ?? TrainConfig.defaultMilestones(epochs: epochs)
        self.gamma = gamma
    }

    /// `[epochs/3, 2·epochs/3]` (integer division), keeping only values ≥ 1 and dropping repeats,
    /// so that the result is always strictly increasing: 600 → [200, 400], 2 → [1], 0 → [].
    public static func defaultMilestones(epochs: Int) -> [Int] {
        var result: [Int] = []
        for value in [epochs / 3, (epochs / 3) * 2 + (epochs % 3) * 2 / 3] where value >= 1 {
            if result.last.map({ value > $0 }) ?? true { result.append(value) }
        }
        return result
    }
}
