/// Everything a job says about its data; `load()` returns the training sample and the test set.
///
/// Image datasets ("fashion-mnist", "mnist", "kmnist": a directory with the four IDX files) are
/// sampled first (`classCounts`, else `perClass` per class, else everything, from a seeded
/// shuffle), then resized to `resize × resize`, scaled to [0, 1] and normalised
/// `(x − normalizeMean) / normalizeStd`. "gaussian" is a synthetic mixture (see `GaussianMixture`).
///
/// Decoding accepts any subset of the fields and fills the rest with the `init` defaults.
public struct DatasetRecipe: Sendable, Hashable, Codable {
    /// "fashion-mnist", "mnist", "kmnist" or "gaussian".
    public var name: String
    /// Directory holding the four IDX files (gzip or plain); defaults to
    /// `/usr/share/datasets/fashion-mnist` for "fashion-mnist", required for "mnist" and "kmnist".
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
    /// Mean subtracted after scaling pixels to [0, 1].
    public var normalizeMean: Double
    /// Standard deviation divided by after subtracting the mean.
    public var normalizeStd: Double
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
    public init(name: String = "fashion-mnist", path: String? = nil, resize: Int? = nil, perClass: Int? = nil,
                classCounts: [Int]? = nil, testPerClass: Int? = nil, normalizeMean: Double = 0.5,
                normalizeStd: Double = 0.5, dimension: Int = 50, separation: Double = 4.0, classes: Int = 10,
                seed: UInt64 = 0) {
        self.name = name
        self.path = path
        self.resize = resize
        self.perClass = perClass
        self.classCounts = classCounts
        self.testPerClass = testPerClass
        self.normalizeMean = normalizeMean
        self.normalizeStd = normalizeStd
        self.dimension = dimension
        self.separation = separation
        self.classes = classes
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case name, path, resize, perClass, classCounts, testPerClass, normalizeMean, normalizeStd
        case dimension, separation, classes, seed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DatasetRecipe()
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? d.name,
            path: try c.decodeIfPresent(String.self, forKey: .path),
            resize: try c.decodeIfPresent(Int.self, forKey: .resize),
            perClass: try c.decodeIfPresent(Int.self, forKey: .perClass),
            classCounts: try c.decodeIfPresent([Int].self, forKey: .classCounts),
            testPerClass: try c.decodeIfPresent(Int.self, forKey: .testPerClass),
            normalizeMean: try c.decodeIfPresent(Double.self, forKey: .normalizeMean) ?? d.normalizeMean,
            normalizeStd: try c.decodeIfPresent(Double.self, forKey: .normalizeStd) ?? d.normalizeStd,
            dimension: try c.decodeIfPresent(Int.self, forKey: .dimension) ?? d.dimension,
            separation: try c.decodeIfPresent(Double.self, forKey: .separation) ?? d.separation,
            classes: try c.decodeIfPresent(Int.self, forKey: .classes) ?? d.classes,
            seed: try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? d.seed)
    }
}
