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

    /// The network this job trains, for data of the given shape.
    public func architecture(inputDimension: Int, classCount: Int) -> FeedForwardArchitecture {
        .gfnn(inputDimension: inputDimension, classCount: classCount, depth: model.depth, width: model.width,
              batchNorm: model.batchnorm, activation: Activation(rawValue: model.activation) ?? .relu)
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
                              epochs: train.epochs, batchSize: train.batchSize, weightDecay: train.weightDecay)
    }

    /// How features are read for measurement.
    public var measurementMode: Mode { measure.batchnorm == "eval" ? .eval : .batchStatistics }
}
