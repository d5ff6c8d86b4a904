import Vocabulary

/// Which data a job trains on and how it is sampled and preprocessed.
public struct DatasetConfig: Codable, Sendable, Equatable, Hashable {
    /// `fashion-mnist`, `mnist`, `kmnist`, `cifar10` or `gaussian`.
    public var name: DatasetName
    /// Directory holding the dataset files; `nil` = the engine's default location. Not part of the job id
    /// (its content is: `digest`).
    public var path: String?
    /// Side length images are resized to; `nil` = native size. Ignored for `gaussian`.
    public var resize: Int?
    /// Training points per class; `nil` = all. Meaningless (and `nil`) when `classCounts` is set.
    public var perClass: Int?
    /// Training points for each class in turn (imbalanced sampling); `nil` = balanced by `perClass`.
    public var classCounts: [Int]?
    /// Test points per class; `nil` = all.
    public var testPerClass: Int?
    /// Channels of `cifar10` kept: `all` (3×S×S) or `green` (1×S×S); `nil` = all. Ignored for the other datasets.
    public var channels: ChannelSelection?
    /// Normalisation `(x − mean) / std` per channel: one value for every channel, or one per channel of
    /// the source images (`cifar10`: red, green, blue). Ignored for `gaussian`. A spec without
    /// `dataset.normalize` resolves to 0.5/0.5, or for `cifar10` to CIFAR-10's channel statistics.
    public var normalizeMean: ChannelValues
    public var normalizeStd: ChannelValues
    /// Input dimension of the `gaussian` mixture (ignored otherwise).
    public var dimension: Int
    /// Distance scale between `gaussian` class means (ignored otherwise).
    public var separation: Double
    /// The content digest of the data files `path` holds, set by the engine when it plans a job with an explicit
    /// `path` (never from a spec file); part of the job id when set, so other data is another job.
    public var digest: String?

    /// Creates a configuration; defaults are the paper setup (Fashion-MNIST, 10×10, 100 per class).
    public init(name: DatasetName = .fashionMNIST, path: String? = nil, resize: Int? = 10, perClass: Int? = 100,
                classCounts: [Int]? = nil, testPerClass: Int? = nil, channels: ChannelSelection? = nil,
                normalizeMean: ChannelValues = 0.5, normalizeStd: ChannelValues = 0.5, dimension: Int = 50,
                separation: Double = 4.0) {
        self.name = name
        self.path = path
        self.resize = resize
        self.perClass = perClass
        self.classCounts = classCounts
        self.testPerClass = testPerClass
        self.channels = channels
        self.normalizeMean = normalizeMean
        self.normalizeStd = normalizeStd
        self.dimension = dimension
        self.separation = separation
    }

    /// Whether this is the synthetic Gaussian mixture.
    public var isSynthetic: Bool { name.isSynthetic }

    /// Whether this dataset has colour channels to choose from (`channels` applies).
    public var hasColourChannels: Bool { name.hasColourChannels }
}
