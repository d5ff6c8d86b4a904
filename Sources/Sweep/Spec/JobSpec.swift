import Linalg
import Vocabulary

/// One fully resolved job: everything a worker needs to train and measure one network.
///
/// Two jobs with the same `id` do the same work; they may still differ (`!=`) in fields that do not
/// affect the result (e.g. `train.momentum` for Adam, `dataset.path` when `dataset.digest` is the same). Use `id`
/// for identity.
public struct JobSpec: Codable, Sendable, Equatable, Hashable {
    public var dataset: DatasetConfig
    public var model: ModelConfig
    public var train: TrainConfig
    public var measure: MeasureConfig
    public var seed: UInt64
    /// Set for a measurement of exported features (`seplaw measure --out`): the job measures this directory and
    /// its id and parameters are the directory's (the training fields are unused). Absent in training jobs.
    public var features: FeatureJob? = nil

    /// Creates a job; every part defaults to the paper setup.
    public init(dataset: DatasetConfig = DatasetConfig(), model: ModelConfig = ModelConfig(),
                train: TrainConfig = TrainConfig(), measure: MeasureConfig = MeasureConfig(), seed: UInt64 = 0) {
        self.dataset = dataset
        self.model = model
        self.train = train
        self.measure = measure
        self.seed = seed
    }

    /// Stable content hash: 16 lower-case hex digits of FNV-1a 64 over `canonicalJSON`. Independent of
    /// YAML key order, number spelling, and whether a value came from the grid or a case.
    public var id: String {
        if let features { return features.id }
        return JobIdentity(self).id(seed: seed)
    }

    /// Canonical JSON of the relevant fields: nested by section, keys sorted, spec (snake_case) key
    /// names, no whitespace, numbers via `ParamValue.canonicalNumber`. See `params` for what is relevant.
    public var canonicalJSON: String {
        let parts = canonicalJSONAroundSeed
        return parts.before + Self.seedParam(seed).json + parts.after
    }

    /// `canonicalJSON` split around the seed's value (`before + seed + after`), the same for every seed: what
    /// `JobIdentity` hashes once for all the seeds of one job.
    var canonicalJSONAroundSeed: (before: String, after: String) {
        var sections: [String: [(String, ParamValue)]] = [:]
        var topLevel: [(String, ParamValue)] = []
        for (key, value) in params where key != "seed" {
            if let dot = key.firstIndex(of: ".") {
                sections[String(key[..<dot]), default: []].append((String(key[key.index(after: dot)...]), value))
            } else {
                topLevel.append((key, value))
            }
        }
        var members: [(String, String)] = topLevel.map { ($0.0, $0.1.json) }
        for (section, fields) in sections {
            let body = fields.sorted { $0.0 < $1.0 }
                .map { ParamValue.quoted($0.0) + ":" + $0.1.json }
                .joined(separator: ",")
            members.append((section, "{" + body + "}"))
        }
        members.sort { $0.0 < $1.0 }
        let member = { (entry: (String, String)) in ParamValue.quoted(entry.0) + ":" + entry.1 }
        let split = members.firstIndex { $0.0 > "seed" } ?? members.count
        let head = members[..<split].map(member), tail = members[split...].map(member)
        return ("{" + (head + [ParamValue.quoted("seed") + ":"]).joined(separator: ","),
                (tail.isEmpty ? "" : ",") + tail.joined(separator: ",") + "}")
    }

    /// The seed as a parameter: an integer, or its decimal text above `Int.max`.
    static func seedParam(_ seed: UInt64) -> ParamValue {
        Int(exactly: seed).map(ParamValue.int) ?? .string(String(seed))
    }

    /// Flat dotted parameters (`"model.depth": .int(2)`, …, `"seed": .int(0)`), relevant fields only:
    /// - `dataset.path` never (a location, not content), but `dataset.digest` (the content of the files read there)
    ///   when the engine set it;
    /// - `gaussian` has `dimension`, `separation` and no `resize`/`normalize`; other datasets the reverse;
    /// - `normalize` is `[mean, std]` when one value covers every channel, else `[[means], [stds]]`;
    /// - `channels` only for `cifar10` (the only dataset with colour channels);
    /// - `per_class` is dropped when `class_counts` is set; `nil` counts print as `"all"`;
    /// - `train.momentum` only for `momentum`; `betas`/`eps` only for `adam`; `gamma` only with milestones;
    /// - `measure.batchnorm` only when the model has BatchNorm, `measure.chunk` only in `train` mode;
    /// - `measure.every` only when > 0, `measure.test_per_class` and `measure.pca` only when set, `train.phases`
    ///   only when not `[none]` (so older ids stay the same);
    /// - `model.definition` only once the architecture's definition version is above 1 (ids of version 1 stay);
    /// - the model keys its architecture uses: gfnn depth and width, mlp widths, the convolutional networks their
    ///   depth (not alexnet), width multiplier and repetition (resnet also block and per); batchnorm and
    ///   activation only for gfnn and mlp.
    public var params: [String: ParamValue] {
        if let features { return features.params }
        var p: [String: ParamValue] = [:]
        p["dataset.name"] = .string(dataset.name.rawValue)
        if let digest = dataset.digest { p["dataset.digest"] = .string(digest) }
        if dataset.isSynthetic {
            p["dataset.dimension"] = .int(dataset.dimension)
            p["dataset.separation"] = .double(dataset.separation)
        } else {
            p["dataset.resize"] = dataset.resize.map(ParamValue.int) ?? .null
            p["dataset.normalize"] = dataset.normalizeParam
        }
        if dataset.hasColourChannels { p["dataset.channels"] = .string((dataset.channels ?? .all).rawValue) }
        if let counts = dataset.classCounts {
            p["dataset.class_counts"] = .list(counts.map(ParamValue.int))
        } else {
            p["dataset.per_class"] = dataset.perClass.map(ParamValue.int) ?? .string("all")
        }
        p["dataset.test_per_class"] = dataset.testPerClass.map(ParamValue.int) ?? .string("all")

        p["model.arch"] = .string(model.arch.rawValue)
        if model.arch.definitionVersion > 1 { p["model.definition"] = .int(model.arch.definitionVersion) }
        switch model.arch {
        case .gfnn:
            p["model.width"] = .int(model.width)
        case .mlp:
            p["model.widths"] = .list(model.widths.map(ParamValue.int))
        case .vgg, .alexnet, .resnet, .densenet, .googlenet:
            p["model.width_multiplier"] = .double(model.widthMultiplier)
            p["model.repeat"] = .int(model.effectiveRepeat)
        }
        if model.arch.takesDepth { p["model.depth"] = .int(model.depth) }
        if model.arch == .resnet {
            p["model.block"] = .string(model.block.rawValue)
            p["model.per"] = .string(model.per.rawValue)
        }
        if !model.isConvolutional {
            p["model.batchnorm"] = .bool(model.batchnorm)
            p["model.activation"] = .string(model.activation.rawValue)
        }

        p["train.optimizer"] = .string(train.optimizer.rawValue)
        p["train.lr"] = .double(train.lr)
        p["train.epochs"] = .int(train.epochs)
        p["train.batch_size"] = .int(train.batchSize)
        p["train.weight_decay"] = .double(train.weightDecay)
        switch train.optimizer {
        case .sgd: break
        case .momentum: p["train.momentum"] = .double(train.momentum)
        case .adam:
            p["train.betas"] = .list(train.betas.map(ParamValue.double))
            p["train.eps"] = .double(train.eps)
        }
        p["train.milestones"] = .list(train.milestones.map(ParamValue.int))
        if !train.milestones.isEmpty { p["train.gamma"] = .double(train.gamma) }
        if train.phases != [.none] { p["train.phases"] = .list(train.phases.map { .string($0.rawValue) }) }

        if model.batchnorm {
            p["measure.batchnorm"] = .string(measure.batchnorm.rawValue)
            switch measure.batchnorm {
            case .train: p["measure.chunk"] = .int(measure.chunk)
            case .eval: break
            }
        }
        if measure.every > 0 { p["measure.every"] = .int(measure.every) }
        if let testPerClass = measure.testPerClass { p["measure.test_per_class"] = .int(testPerClass) }
        if let pca = measure.pca { p["measure.pca"] = .int(pca) }
        p["seed"] = Self.seedParam(seed)
        return p
    }

}
