/// How to train: optimiser, schedule, epochs and batch size.
public struct TrainingConfig: Sendable, Equatable {
    public var optimizer: OptimizerKind
    public var schedule: StepSchedule
    public var epochs: Int
    public var batchSize: Int
    public var weightDecay: Double

    public init(optimizer: OptimizerKind, schedule: StepSchedule, epochs: Int, batchSize: Int, weightDecay: Double) {
        self.optimizer = optimizer
        self.schedule = schedule
        self.epochs = epochs
        self.batchSize = batchSize
        self.weightDecay = weightDecay
    }
}
