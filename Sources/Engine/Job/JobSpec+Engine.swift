import Datasets
import Linalg
import Network
import Sweep
import Vocabulary

/// The one mapping from the spec's vocabulary to the engine's: every switch is exhaustive, so a new
/// architecture, optimiser or mode is a compile error here until it is mapped.
extension JobSpec {
    /// The dataset recipe of this job; its sampling seed is the job's seed.
    public var datasetRecipe: DatasetRecipe {
        DatasetRecipe(name: dataset.name, path: dataset.path, resize: dataset.resize, perClass: dataset.perClass,
                      classCounts: dataset.classCounts, testPerClass: dataset.testPerClass,
                      channels: dataset.hasColourChannels ? dataset.channels ?? .all : .all,
                      normalizeMean: dataset.normalizeMean, normalizeStd: dataset.normalizeStd,
                      dimension: dataset.dimension, separation: dataset.separation, seed: seed)
    }

    /// The number of classes of the job's data (the mixture: one per `class_counts` entry when given).
    public var classCount: Int {
        dataset.isSynthetic ? (dataset.classCounts?.count ?? dataset.name.classCount) : dataset.name.classCount
    }

    /// The network this job trains, for data of the given shape; an error names the layer that does not fit.
    public func networkPlan(input: TensorShape, classCount: Int) throws(NetworkPlanError) -> NetworkPlan {
        let multiplier = model.widthMultiplier, times = model.effectiveRepeat
        switch model.arch {
        case .gfnn:
            return try .gfnn(input: input, classCount: classCount, depth: model.depth, width: model.width,
                             batchNorm: model.batchnorm, activation: model.activation)
        case .mlp:
            return try .mlp(input: input, classCount: classCount, widths: model.widths, batchNorm: model.batchnorm,
                            activation: model.activation)
        case .vgg:
            return try .vgg(input: input, classCount: classCount, variant: model.depth, widthMultiplier: multiplier,
                            repeat: times)
        case .alexnet:
            return try .alexnet(input: input, classCount: classCount, widthMultiplier: multiplier, repeat: times)
        case .resnet:
            return try .resnet(input: input, classCount: classCount, blocks: residualBlocks, widthMultiplier: multiplier,
                               repeat: times, per: model.per)
        case .densenet:
            return try .densenet(input: input, classCount: classCount, layersPerBlock: model.depth,
                                 widthMultiplier: multiplier, repeat: times)
        case .googlenet:
            return try .googlenet(input: input, classCount: classCount, blocks: model.depth, widthMultiplier: multiplier,
                                  repeat: times)
        }
    }

    /// A resnet's blocks in order: `mixed` is `depth` bottleneck blocks, then `depth` basic ones.
    var residualBlocks: [ResidualBlockKind] {
        switch model.block {
        case .basic: return Array(repeating: .basic, count: model.depth)
        case .bottleneck: return Array(repeating: .bottleneck, count: model.depth)
        case .mixed: return Array(repeating: .bottleneck, count: model.depth) + Array(repeating: .basic, count: model.depth)
        }
    }

    /// The optimiser, schedule and loop sizes of this job.
    public var trainingConfig: TrainingConfig {
        let optimizer: OptimizerKind
        switch train.optimizer {
        case .sgd:
            optimizer = .sgd
        case .momentum:
            optimizer = .momentum(train.momentum)
        case .adam:
            optimizer = .adam(beta1: train.betas.first ?? 0.9, beta2: train.betas.dropFirst().first ?? 0.999, epsilon: train.eps)
        }
        return TrainingConfig(optimizer: optimizer,
                              schedule: StepSchedule(baseRate: train.lr, milestones: train.milestones, gamma: train.gamma),
                              epochs: train.epochs, batchSize: train.batchSize, weightDecay: train.weightDecay,
                              phases: train.phases)
    }

    /// How BatchNorm layers compute while features are read for measurement.
    public var measurementMode: Mode {
        switch measure.batchnorm {
        case .train: return .batchStatistics
        case .eval: return .eval
        }
    }
}
