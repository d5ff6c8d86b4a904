import Network

extension JobSpec {
    /// Training examples this job draws: the class counts, per-class × classes, or the whole training set.
    public var trainingCount: Int {
        if let counts = dataset.classCounts { return counts.reduce(0, +) }
        if let perClass = dataset.perClass { return perClass * classCount }
        if dataset.isSynthetic { return 100 * classCount }
        return dataset.hasColourChannels ? 50_000 : 60_000
    }

    /// Floating-point operations of the matrix products of training (all epochs and phases) and of the accuracy
    /// and measurement passes; nil when the network does not fit the data.
    public var estimatedFlops: Double? {
        guard let plan = try? networkPlan() else { return nil }
        let epochs = Double(train.epochs * train.phases.count)
        let testCount = Double(dataset.testPerClass.map { $0 * classCount } ?? (dataset.isSynthetic ? 100 * classCount : 10_000))
        let forward = 2 * plan.forwardMultiplyAdds
        return plan.trainingFlopsPerPoint * Double(trainingCount) * epochs
            + forward * (2 * Double(trainingCount) + testCount)
    }
}
