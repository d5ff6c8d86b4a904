import Vocabulary

/// Optimiser and schedule of a job.
public struct TrainConfig: Codable, Sendable, Equatable, Hashable {
    /// `sgd`, `momentum` (SGD with momentum) or `adam`.
    public var optimizer: OptimizerName
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
    /// Training phases, each `epochs` long with the schedule restarted, freezing the named half of the hidden
    /// blocks (the frozen-layers experiment: `[second_half, first_half]`); `[none]` = ordinary training.
    public var phases: [FrozenPart]

    /// Creates a configuration; `milestones: nil` means `TrainConfig.defaultMilestones(epochs:)`.
    public init(optimizer: OptimizerName = .sgd, lr: Double = 0.01, epochs: Int = 600, batchSize: Int = 128,
                weightDecay: Double = 5e-4, momentum: Double = 0.9, betas: [Double] = [0.9, 0.999],
                eps: Double = 1e-8, milestones: [Int]? = nil, gamma: Double = 0.1, phases: [FrozenPart] = [.none]) {
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
        self.phases = phases
    }

    enum CodingKeys: String, CodingKey {
        case optimizer, lr, epochs, batchSize, weightDecay, momentum, betas, eps, milestones, gamma, phases
    }

    /// Reads `phases` when present, so jobs written before it existed still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(optimizer: try c.decode(OptimizerName.self, forKey: .optimizer), lr: try c.decode(Double.self, forKey: .lr),
                  epochs: try c.decode(Int.self, forKey: .epochs), batchSize: try c.decode(Int.self, forKey: .batchSize),
                  weightDecay: try c.decode(Double.self, forKey: .weightDecay),
                  momentum: try c.decode(Double.self, forKey: .momentum), betas: try c.decode([Double].self, forKey: .betas),
                  eps: try c.decode(Double.self, forKey: .eps), milestones: try c.decode([Int].self, forKey: .milestones),
                  gamma: try c.decode(Double.self, forKey: .gamma),
                  phases: try c.decodeIfPresent([FrozenPart].self, forKey: .phases) ?? [.none])
    }

    /// Writes `phases` only when it is not the default, so an ordinary job encodes as it always did.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(optimizer, forKey: .optimizer)
        try c.encode(lr, forKey: .lr)
        try c.encode(epochs, forKey: .epochs)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(weightDecay, forKey: .weightDecay)
        try c.encode(momentum, forKey: .momentum)
        try c.encode(betas, forKey: .betas)
        try c.encode(eps, forKey: .eps)
        try c.encode(milestones, forKey: .milestones)
        try c.encode(gamma, forKey: .gamma)
        if phases != [.none] { try c.encode(phases, forKey: .phases) }
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
