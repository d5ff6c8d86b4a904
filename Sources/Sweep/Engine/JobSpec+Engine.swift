import Linalg
import Datasets
import Network

extension JobSpec {
    /// The dataset recipe of this job; its sampling seed is the job's seed.
    public var datasetRecipe: DatasetRecipe {
        DatasetRecipe(name: dataset.name, path: dataset.path, resize: dataset.resize, perClass: dataset.perClass,
                      classCounts: dataset.classCounts, testPerClass: dataset.testPerClass,
                      channels: dataset.hasColourChannels ? dataset.channels ?? "all" : "all",
                      normalizeMean: dataset.normalizeMean, normalizeStd: dataset.normalizeStd,
                      dimension: dataset.dimension, separation: dataset.separation, seed: seed)
    }

    /// The network this job trains, for data of the given shape; an error names the layer that does not fit.
    public func networkPlan(input: TensorShape, classCount: Int) throws(NetworkPlanError) -> NetworkPlan {
        let multiplier = model.widthMultiplier, times = model.effectiveRepeat
        switch model.arch {
        case "mlp":
            return try .mlp(input: input, classCount: classCount, widths: model.widths, batchNorm: model.batchnorm,
                            activation: Activation(rawValue: model.activation) ?? .relu)
        case "vgg":
            return try .vgg(input: input, classCount: classCount, variant: model.depth, widthMultiplier: multiplier,
                            repeat: times)
        case "alexnet":
            return try .alexnet(input: input, classCount: classCount, widthMultiplier: multiplier, repeat: times)
        case "resnet":
            let blocks: [ResidualBlockKind]
            switch model.block {
            case "bottleneck": blocks = Array(repeating: .bottleneck, count: model.depth)
            case "mixed": blocks = Array(repeating: .bottleneck, count: model.depth) + Array(repeating: .basic, count: model.depth)
            default: blocks = Array(repeating: .basic, count: model.depth)
            }
            return try .resnet(input: input, classCount: classCount, blocks: blocks, widthMultiplier: multiplier,
                               repeat: times, per: MeasurementGranularity(rawValue: model.per) ?? .block)
        case "densenet":
            return try .densenet(input: input, classCount: classCount, layersPerBlock: model.depth,
                                 widthMultiplier: multiplier, repeat: times)
        case "googlenet":
            return try .googlenet(input: input, classCount: classCount, blocks: model.depth, widthMultiplier: multiplier,
                                  repeat: times)
        default:
            return try .gfnn(input: input, classCount: classCount, depth: model.depth, width: model.width,
                             batchNorm: model.batchnorm, activation: Activation(rawValue: model.activation) ?? .relu)
        }
    }

    /// The optimiser, schedule and loop sizes of this job.
    public var trainingConfig: TrainingConfig {
        let optimizer: OptimizerKind
        switch train.optimizer {
        case "adam":
            optimizer = .adam(beta1: train.betas.first ?? 0.9, beta2: train.betas.dropFirst().first ?? 0.999, epsilon: train.eps)
        case "momentum":
            optimizer = .momentum(train.momentum)
        default:
            optimizer = .sgd
        }
        return TrainingConfig(optimizer: optimizer,
                              schedule: StepSchedule(baseRate: train.lr, milestones: train.milestones, gamma: train.gamma),
                              epochs: train.epochs, batchSize: train.batchSize, weightDecay: train.weightDecay,
                              phases: train.phases.map { FrozenPart(rawValue: $0) ?? .none })
    }

    /// How features are read for measurement.
    public var measurementMode: Mode { measure.batchnorm == "eval" ? .eval : .batchStatistics }
}
