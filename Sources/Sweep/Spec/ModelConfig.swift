/// The network architecture of a job.
public struct ModelConfig: Codable, Sendable, Equatable, Hashable {
    /// Architectures the spec accepts.
    public static let knownArchitectures = ["gfnn", "mlp", "vgg", "alexnet", "resnet", "densenet", "googlenet"]
    /// The convolutional ones (always BatchNorm + ReLU, scaled by `width_multiplier`).
    public static let convolutionalArchitectures: Set<String> = ["vgg", "alexnet", "resnet", "densenet", "googlenet"]
    /// Activations the spec accepts.
    public static let knownActivations = ["relu", "none"]
    /// Residual blocks the spec accepts; `mixed` is `depth` bottleneck blocks, then `depth` basic ones.
    public static let knownBlocks = ["basic", "bottleneck", "mixed"]
    /// Where a ResNet is measured.
    public static let knownGranularities = ["block", "layer"]
    /// The VGG variants.
    public static let vggVariants = [11, 13, 16]

    /// Architecture name, e.g. `gfnn`.
    public var arch: String
    /// gfnn: `m`, extra hidden blocks after the first; vgg: the variant (11, 13, 16); resnet: blocks (of each kind
    /// when mixed); densenet: layers per dense block; googlenet: inception blocks. Unused by mlp and alexnet.
    public var depth: Int
    /// Hidden width `w` of gfnn.
    public var width: Int
    /// Whether hidden blocks use BatchNorm (gfnn, mlp; the convolutional networks always do).
    public var batchnorm: Bool
    /// `relu` or `none` (a linear network; gfnn, mlp).
    public var activation: String
    /// The hidden widths of an mlp, first to last.
    public var widths: [Int]
    /// Scales every channel count (and the fully connected widths) of a convolutional network.
    public var widthMultiplier: Double
    /// Times the input is repeated along channels; nil = the architecture's default (vgg 16, alexnet 32, others 8).
    public var `repeat`: Int?
    /// resnet: `basic`, `bottleneck` or `mixed`.
    public var block: String
    /// resnet: measured per `block` or per `layer`.
    public var per: String

    /// Creates a configuration; defaults are the paper's GFNN with m = 2, w = 100.
    public init(arch: String = "gfnn", depth: Int = 2, width: Int = 100, batchnorm: Bool = true,
                activation: String = "relu", widths: [Int] = [], widthMultiplier: Double = 1, repeat: Int? = nil,
                block: String = "basic", per: String = "block") {
        self.arch = arch
        self.depth = depth
        self.width = width
        self.batchnorm = batchnorm
        self.activation = activation
        self.widths = widths
        self.widthMultiplier = widthMultiplier
        self.repeat = `repeat`
        self.block = block
        self.per = per
    }

    /// Whether this is one of the convolutional networks.
    public var isConvolutional: Bool { ModelConfig.convolutionalArchitectures.contains(arch) }

    /// The channel repetition this job uses.
    public var effectiveRepeat: Int {
        if let value = `repeat` { return value }
        switch arch {
        case "vgg": return 16
        case "alexnet": return 32
        default: return 8
        }
    }

    enum CodingKeys: String, CodingKey {
        case arch, depth, width, batchnorm, activation, widths, widthMultiplier, `repeat`, block, per
    }

    /// Reads the fields added with the convolutional networks when present, so older jobs still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ModelConfig()
        self.init(arch: try c.decode(String.self, forKey: .arch), depth: try c.decode(Int.self, forKey: .depth),
                  width: try c.decode(Int.self, forKey: .width), batchnorm: try c.decode(Bool.self, forKey: .batchnorm),
                  activation: try c.decode(String.self, forKey: .activation),
                  widths: try c.decodeIfPresent([Int].self, forKey: .widths) ?? d.widths,
                  widthMultiplier: try c.decodeIfPresent(Double.self, forKey: .widthMultiplier) ?? d.widthMultiplier,
                  repeat: try c.decodeIfPresent(Int.self, forKey: .repeat),
                  block: try c.decodeIfPresent(String.self, forKey: .block) ?? d.block,
                  per: try c.decodeIfPresent(String.self, forKey: .per) ?? d.per)
    }

    /// Writes those fields only when they differ from the defaults, so a gfnn job encodes as it always did.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let d = ModelConfig()
        try c.encode(arch, forKey: .arch)
        try c.encode(depth, forKey: .depth)
        try c.encode(width, forKey: .width)
        try c.encode(batchnorm, forKey: .batchnorm)
        try c.encode(activation, forKey: .activation)
        if widths != d.widths { try c.encode(widths, forKey: .widths) }
        if widthMultiplier != d.widthMultiplier { try c.encode(widthMultiplier, forKey: .widthMultiplier) }
        try c.encodeIfPresent(`repeat`, forKey: .repeat)
        if block != d.block { try c.encode(block, forKey: .block) }
        if per != d.per { try c.encode(per, forKey: .per) }
    }
}
