/// A multi-step learning-rate schedule: the rate is multiplied by `gamma` at each milestone epoch (PyTorch's MultiStepLR).
public struct StepSchedule: Sendable, Equatable {
    public var baseRate: Double
    public var milestones: [Int]
    public var gamma: Double

    public init(baseRate: Double, milestones: [Int], gamma: Double = 0.1) {
        self.baseRate = baseRate
        self.milestones = milestones
        self.gamma = gamma
    }

    /// The paper's default: ÷10 at epochs/3 and ÷100 at 2·epochs/3.
    public static func paperDefault(baseRate: Double, epochs: Int) -> StepSchedule {
        StepSchedule(baseRate: baseRate, milestones: [epochs / 3, 2 * epochs / 3], gamma: 0.1)
    }

    /// The rate used during (0-based) `epoch`.
    public func rate(atEpoch epoch: Int) -> Double {
        var rate = baseRate
        for milestone in milestones where milestone <= epoch { rate *= gamma }
        return rate
    }
}
