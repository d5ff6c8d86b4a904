/// The network architecture of a job.
public struct ModelConfig: Codable, Sendable, Equatable, Hashable {
    /// Architectures the spec accepts (extend as the Network module grows).
    public static let knownArchitectures = ["gfnn"]
    /// Activations the spec accepts.
    public static let knownActivations = ["relu", "none"]

    /// Architecture name, e.g. `gfnn`.
    public var arch: String
    /// `m`: number of extra hidden blocks after the first.
    public var depth: Int
    /// Hidden width `w`.
    public var width: Int
    /// Whether hidden blocks use BatchNorm.
    public var batchnorm: Bool
    /// `relu` or `none` (a linear network).
    public var activation: String

    /// Creates a configuration; defaults are the paper's GFNN with m = 2, w = 100.
    public init(arch: String = "gfnn", depth: Int = 2, width: Int = 100, batchnorm: Bool = true,
                activation: String = "relu") {
        self.arch = arch
        self.depth = depth
        self.width = width
        self.batchnorm = batchnorm
        self.activation = activation
    }
}
