import Vocabulary

/// How to train: optimiser, schedule, epochs and batch size.
public struct TrainingConfig: Sendable, Equatable {
    public var optimizer: OptimizerKind
    public var schedule: StepSchedule
    public var epochs: Int
    public var batchSize: Int
    public var weightDecay: Double
    /// Training phases in order, each `epochs` long with the schedule restarted and a fresh optimiser state,
    /// and the given part of the network frozen; one unfrozen phase by default.
    public var phases: [FrozenPart]

    public init(optimizer: OptimizerKind, schedule: StepSchedule, epochs: Int, batchSize: Int, weightDecay: Double,
                phases: [FrozenPart] = [.none]) {
        self.optimizer = optimizer
        self.schedule = schedule
        self.epochs = epochs
        self.batchSize = batchSize
        self.weightDecay = weightDecay
        self.phases = phases.isEmpty ? [.none] : phases
    }
}
