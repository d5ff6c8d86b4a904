/// Which data a job trains on and how it is sampled and preprocessed.
public struct DatasetConfig: Codable, Sendable, Equatable, Hashable {
    /// Known dataset names.
    public static let knownNames = ["fashion-mnist", "mnist", "kmnist", "gaussian"]

    /// `fashion-mnist`, `mnist`, `kmnist` or `gaussian`.
    public var name: String
    /// Directory holding the dataset files; `nil` = the engine's default location. Not part of the job id.
    public var path: String?
    /// Side length images are resized to; `nil` = native size. Ignored for `gaussian`.
    public var resize: Int?
    /// Training points per class; `nil` = all. Meaningless (and `nil`) when `classCounts` is set.
    public var perClass: Int?
    /// Training points for each class in turn (imbalanced sampling); `nil` = balanced by `perClass`.
    public var classCounts: [Int]?
    /// Test points per class; `nil` = all.
    public var testPerClass: Int?
    /// Normalisation `(x − mean) / std`. Ignored for `gaussian`.
    public var normalizeMean: Double
    public var normalizeStd: Double
    /// Input dimension of the `gaussian` mixture (ignored otherwise).
    public var dimension: Int
    /// Distance scale between `gaussian` class means (ignored otherwise).
    public var separation: Double

    /// Creates a configuration; defaults are the paper setup (Fashion-MNIST, 10×10, 100 per class).
    public init(name: String = "fashion-mnist", path: String? = nil, resize: Int? = 10, perClass: Int? = 100,
                classCounts: [Int]? = nil, testPerClass: Int? = nil, normalizeMean: Double = 0.5,
                normalizeStd: Double = 0.5, dimension: Int = 50, separation: Double = 4.0) {
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
    }

    /// Whether this is the synthetic Gaussian mixture.
    public var isSynthetic: Bool { name == "gaussian" }
}
