import Vocabulary

/// The network architecture of a job.
public struct ModelConfig: Codable, Sendable, Equatable, Hashable {
    /// The architecture, e.g. `gfnn`.
    public var arch: Architecture
    /// gfnn: `m`, extra hidden blocks after the first; vgg: the variant (11, 13, 16); resnet: blocks (of each kind
    /// when mixed); densenet: layers per dense block; googlenet: inception blocks. Unused by mlp and alexnet.
    public var depth: Int
    /// Hidden width `w` of gfnn.
    public var width: Int
    /// Whether hidden blocks use BatchNorm (gfnn, mlp; the convolutional networks always do).
    public var batchnorm: Bool
    /// `relu` or `none` (a linear network; gfnn, mlp).
    public var activation: Activation
    /// The hidden widths of an mlp, first to last.
    public var widths: [Int]
    /// Scales every channel count (and the fully connected widths) of a convolutional network.
    public var widthMultiplier: Double
    /// Times the input is repeated along channels; nil = the architecture's default (vgg 16, alexnet 32, others 8).
    public var `repeat`: Int?
    /// resnet: `basic`, `bottleneck` or `mixed`.
    public var block: ResidualBlocks
    /// resnet: measured per `block` or per `layer`.
    public var per: MeasurementGranularity

    /// Creates a configuration; defaults are the paper's GFNN with m = 2, w = 100.
    public init(arch: Architecture = .gfnn, depth: Int = 2, width: Int = 100, batchnorm: Bool = true,
                activation: Activation = .relu, widths: [Int] = [], widthMultiplier: Double = 1, repeat: Int? = nil,
                block: ResidualBlocks = .basic, per: MeasurementGranularity = .block) {
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
    public var isConvolutional: Bool { arch.isConvolutional }

    /// The channel repetition this job uses.
    public var effectiveRepeat: Int { `repeat` ?? arch.defaultRepeat }

    enum CodingKeys: String, CodingKey {
        case arch, depth, width, batchnorm, activation, widths, widthMultiplier, `repeat`, block, per
    }

    /// Reads the fields added with the convolutional networks when present, so older jobs still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ModelConfig()
        self.init(arch: try c.decode(Architecture.self, forKey: .arch), depth: try c.decode(Int.self, forKey: .depth),
                  width: try c.decode(Int.self, forKey: .width), batchnorm: try c.decode(Bool.self, forKey: .batchnorm),
                  activation: try c.decode(Activation.self, forKey: .activation),
                  widths: try c.decodeIfPresent([Int].self, forKey: .widths) ?? d.widths,
                  widthMultiplier: try c.decodeIfPresent(Double.self, forKey: .widthMultiplier) ?? d.widthMultiplier,
                  repeat: try c.decodeIfPresent(Int.self, forKey: .repeat),
                  block: try c.decodeIfPresent(ResidualBlocks.self, forKey: .block) ?? d.block,
                  per: try c.decodeIfPresent(MeasurementGranularity.self, forKey: .per) ?? d.per)
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
