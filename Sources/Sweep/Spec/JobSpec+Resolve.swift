import Vocabulary

extension JobSpec {
    /// Builds and validates one job from its merged dotted parameters (base ⊕ grid ⊕ case).
    init(reading r: ValueReader, seed: UInt64) throws(SpecError) {
        let positive = 1...Int.max

        // dataset
        var dataset = DatasetConfig()
        dataset.name = try r.choice("dataset.name", default: dataset.name)
        if let path = try r.string("dataset.path") { dataset.path = path }
        dataset.resize = try r.optionalInteger("dataset.resize", default: dataset.resize, in: 1...1024)
        dataset.perClass = try r.integerOrAll("dataset.per_class", default: dataset.perClass, in: positive)
        if let counts = try r.integers("dataset.class_counts", in: positive, nonEmpty: true, strictlyIncreasing: false) {
            dataset.classCounts = counts
        }
        if dataset.classCounts != nil {
            if let perClass = r.values["dataset.per_class"] {
                throw r.failure("dataset.per_class",
                                message: "cannot be combined with dataset.class_counts (they are mutually exclusive); "
                                    + "give one of them", perClass)
            }
            dataset.perClass = nil
        }
        if let counts = dataset.classCounts, !dataset.isSynthetic, counts.count != dataset.name.classCount {
            throw r.failure("dataset.class_counts",
                            message: "lists \(counts.count) counts, but \(dataset.name.rawValue) has \(dataset.name.classCount) "
                                + "classes: give one count per class", r.values["dataset.class_counts"])
        }
        dataset.testPerClass = try r.integerOrAll("dataset.test_per_class", default: dataset.testPerClass, in: positive)
        let channels = try r.choice("dataset.channels", default: ChannelSelection.all)
        dataset.channels = dataset.hasColourChannels ? channels : nil
        if let normalize = try r.normalization("dataset.normalize") {
            (dataset.normalizeMean, dataset.normalizeStd) = normalize
            for (index, values) in [normalize.mean, normalize.std].enumerated()
            where !dataset.isSynthetic && ![1, dataset.name.sourceChannels].contains(values.values.count) {
                let sourceChannels = dataset.name.sourceChannels, name = dataset.name.rawValue
                let needs = sourceChannels == 1 ? "\(name) images have 1 channel: give one value"
                    : "\(name) needs one value (every channel) or \(sourceChannels) (red, green, blue)"
                throw r.failure("dataset.normalize[\(index)]", message: "lists \(values.values.count) values, but "
                    + needs, r.values["dataset.normalize"])
            }
        } else if dataset.hasColourChannels {
            (dataset.normalizeMean, dataset.normalizeStd) = dataset.name.defaultNormalization(channels: channels)
        }
        (dataset.normalizeMean, dataset.normalizeStd) = dataset.effectiveNormalization
        dataset.dimension = try r.integer("dataset.dimension", default: dataset.dimension, in: positive)
        dataset.separation = try r.number("dataset.separation", default: dataset.separation,
                                          expected: "a number ≥ 0") { $0 >= 0 }

        // model
        var model = ModelConfig()
        model.arch = try r.choice("model.arch", default: model.arch)
        model.block = try r.choice("model.block", default: model.block)
        model.depth = try r.integer("model.depth", default: model.arch.defaultDepth(block: model.block), in: 0...1000)
        model.width = try r.integer("model.width", default: model.width, in: 1...100_000)
        model.batchnorm = try r.bool("model.batchnorm", default: model.batchnorm)
        model.activation = try r.choice("model.activation", default: model.activation)
        if case .some(.some(let widths)) = try r.integers("model.widths", in: 1...100_000, nonEmpty: true,
                                                          strictlyIncreasing: false) {
            model.widths = widths
        }
        model.widthMultiplier = try r.number("model.width_multiplier", default: model.widthMultiplier,
                                             expected: "a number in (0, 16]") { $0 > 0 && $0 <= 16 }
        model.repeat = try r.optionalInteger("model.repeat", default: model.repeat, in: 1...256)
        model.per = try r.choice("model.per", default: model.per)
        try Self.checkModel(model, r)

        // train
        var train = TrainConfig()
        train.optimizer = try r.choice("train.optimizer", default: train.optimizer, aliases: OptimizerName.aliases)
        train.lr = try r.number("train.lr", default: train.lr, expected: "a number > 0") { $0 > 0 }
        train.epochs = try r.integer("train.epochs", default: train.epochs, in: 0...1_000_000)
        train.batchSize = try r.integer("train.batch_size", default: train.batchSize, in: positive)
        train.weightDecay = try r.number("train.weight_decay", default: train.weightDecay,
                                         expected: "a number ≥ 0") { $0 >= 0 }
        train.momentum = try r.number("train.momentum", default: train.momentum,
                                      expected: "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        train.betas = try r.numbers("train.betas", default: train.betas, count: 2,
                                    expected: "[beta1, beta2]: two numbers in [0, 1)") { _, value in
            value >= 0 && value < 1
        }
        train.eps = try r.number("train.eps", default: train.eps, expected: "a number > 0") { $0 > 0 }
        switch try r.integers("train.milestones", in: positive, nonEmpty: false, strictlyIncreasing: true) {
        case .some(.some(let milestones)): train.milestones = milestones
        case .none, .some(.none): train.milestones = TrainConfig.defaultMilestones(epochs: train.epochs)
        }
        train.gamma = try r.number("train.gamma", default: train.gamma, expected: "a number in (0, 1]") {
            $0 > 0 && $0 <= 1
        }
        train.phases = try r.choices("train.phases", default: train.phases)

        // measure
        var measure = MeasureConfig()
        measure.batchnorm = try r.choice("measure.batchnorm", default: measure.batchnorm)
        measure.chunk = try r.integer("measure.chunk", default: measure.chunk, in: positive)
        measure.every = try r.integer("measure.every", default: measure.every, in: 0...1_000_000)
        measure.testPerClass = try r.optionalInteger("measure.test_per_class", default: measure.testPerClass,
                                                     in: 1...1_000_000)
        measure.pca = try r.optionalInteger("measure.pca", default: measure.pca, in: 1...1_000_000)

        self.init(dataset: dataset, model: model, train: train, measure: measure, seed: seed)
    }
}
