import Vocabulary

/// Everything a job says about its data; `load()` returns the training sample and the test set.
///
/// Image datasets ("fashion-mnist", "mnist", "kmnist": a directory with the four IDX files;
/// "cifar10": a directory with the binary batches, see `CIFAR10`) are sampled first (`classCounts`,
/// else `perClass` per class, else everything, from a seeded shuffle), reduced to the `channels`
/// asked for, resized to `resize × resize` (each channel on its own), scaled to [0, 1] and
/// normalised per channel `(x − normalizeMean[c]) / normalizeStd[c]`. "gaussian" is a synthetic
/// mixture (see `GaussianMixture`).
///
/// Decoding accepts any subset of the fields and fills the rest with the `init` defaults.
public struct DatasetRecipe: Sendable, Hashable, Codable {
    /// Which dataset.
    public var name: DatasetName
    /// Directory holding the four IDX files (gzip or plain), or CIFAR-10's six `.bin` batches; defaults
    /// to `/usr/share/datasets/fashion-mnist` for "fashion-mnist", required for the others.
    public var path: String?
    /// Side S of the S×S images after resizing (1…1024); nil keeps the native size.
    public var resize: Int?
    /// Training examples per class; nil takes the whole training set (for "gaussian": 100).
    public var perClass: Int?
    /// Training examples of each class (imbalance); overrides `perClass` when set. For "gaussian"
    /// its length is the number of classes.
    public var classCounts: [Int]?
    /// Test examples per class; nil takes the full test set (for "gaussian": 100).
    public var testPerClass: Int?
    /// Which channels of colour images to keep: "all" (CIFAR-10: 3 × S × S) or "green" (only the green
    /// channel: 1 × S × S, as the paper's MLPs use CIFAR-10). Grey images have one channel either way.
    public var channels: ChannelSelection
    /// Mean subtracted after scaling pixels to [0, 1]: one value for every channel, or one per channel
    /// of the source images (with "green", the green entry is used); nil: `defaultNormalization`.
    public var normalizeMean: ChannelValues?
    /// Standard deviation divided by after subtracting the mean, given like `normalizeMean`.
    public var normalizeStd: ChannelValues?
    /// Feature dimension ("gaussian" only).
    public var dimension: Int
    /// Distance of each class mean from the origin ("gaussian" only).
    public var separation: Double
    /// Number of classes ("gaussian" only, unless `classCounts` is set).
    public var classes: Int
    /// Seed of the sampling shuffle (and of the synthetic data).
    public var seed: UInt64

    /// The default image directory of "fashion-mnist".
    public static let defaultFashionMNISTPath = "/usr/share/datasets/fashion-mnist"

    /// A recipe; every field has the paper setup's default except the sample size (all, by default).
    public init(name: DatasetName = .fashionMNIST, path: String? = nil, resize: Int? = nil, perClass: Int? = nil,
                classCounts: [Int]? = nil, testPerClass: Int? = nil, channels: ChannelSelection = .all,
                normalizeMean: ChannelValues? = nil, normalizeStd: ChannelValues? = nil, dimension: Int = 50,
                separation: Double = 4.0, classes: Int = 10, seed: UInt64 = 0) {
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
        self.classes = classes
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case name, path, resize, perClass, classCounts, testPerClass, channels, normalizeMean, normalizeStd
        case dimension, separation, classes, seed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DatasetRecipe()
        self.init(
            name: try c.decodeIfPresent(DatasetName.self, forKey: .name) ?? d.name,
            path: try c.decodeIfPresent(String.self, forKey: .path),
            resize: try c.decodeIfPresent(Int.self, forKey: .resize),
            perClass: try c.decodeIfPresent(Int.self, forKey: .perClass),
            classCounts: try c.decodeIfPresent([Int].self, forKey: .classCounts),
            testPerClass: try c.decodeIfPresent(Int.self, forKey: .testPerClass),
            channels: try c.decodeIfPresent(ChannelSelection.self, forKey: .channels) ?? d.channels,
            normalizeMean: try c.decodeIfPresent(ChannelValues.self, forKey: .normalizeMean),
            normalizeStd: try c.decodeIfPresent(ChannelValues.self, forKey: .normalizeStd),
            dimension: try c.decodeIfPresent(Int.self, forKey: .dimension) ?? d.dimension,
            separation: try c.decodeIfPresent(Double.self, forKey: .separation) ?? d.separation,
            classes: try c.decodeIfPresent(Int.self, forKey: .classes) ?? d.classes,
            seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed)
    }
}
