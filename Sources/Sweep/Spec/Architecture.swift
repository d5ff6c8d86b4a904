import Vocabulary

/// The network architectures a spec can name (`model.arch`). What each one takes and measures is decided
/// here and in the engine's one mapping to Network's builders; every switch over it is exhaustive, so a new
/// case is a compile error wherever it still needs a decision.
public enum Architecture: String, Sendable, Codable, ClosedChoice {
    /// The paper's feedforward net: `depth` extra hidden blocks of `width`.
    case gfnn
    /// A feedforward net with the hidden widths `widths`.
    case mlp
    case vgg
    case alexnet
    case resnet
    case densenet
    case googlenet

    /// Whether this is one of the convolutional networks (always BatchNorm + ReLU, scaled by `width_multiplier`).
    public var isConvolutional: Bool {
        switch self {
        case .gfnn, .mlp: return false
        case .vgg, .alexnet, .resnet, .densenet, .googlenet: return true
        }
    }

    /// Whether `model.depth` means something for it (alexnet and mlp have a fixed or listed depth).
    public var takesDepth: Bool {
        switch self {
        case .gfnn, .vgg, .resnet, .densenet, .googlenet: return true
        case .mlp, .alexnet: return false
        }
    }

    /// `model.depth` when the spec does not say: the paper's networks (gfnn m = 2, VGG13, the authors' ResNets
    /// of 4 blocks: `mixed` is 2 bottleneck then 2 basic).
    public func defaultDepth(block: ResidualBlocks) -> Int {
        switch self {
        case .vgg: return 13
        case .resnet: return block == .mixed ? 2 : 4
        case .gfnn, .mlp, .alexnet, .densenet, .googlenet: return 2
        }
    }

    /// Times the input is repeated along channels when the spec does not say (convolutional networks).
    public var defaultRepeat: Int {
        switch self {
        case .vgg: return 16
        case .alexnet: return 32
        case .gfnn, .mlp, .resnet, .densenet, .googlenet: return 8
        }
    }

    /// The version of the architecture's definition. It goes into job ids once above 1, so that results of an
    /// older definition are never resumed as results of the new one; bump it whenever what a spec builds for
    /// this architecture changes (and say so in README).
    public var definitionVersion: Int {
        switch self {
        case .gfnn, .mlp, .vgg, .densenet, .googlenet: return 1
        // 2: the authors' networks — ResNet 8 channels wide without pooling before the classifier (was 64 channels,
        // pooled to 8×8); AlexNet pools 3×3 with padding 1 (was padding 0).
        case .alexnet, .resnet: return 2
        }
    }

    /// The convolutional architectures, in declaration order.
    public static var convolutional: [Architecture] { allCases.filter(\.isConvolutional) }

    /// The VGG variants (`model.depth` of `vgg`).
    public static let vggVariants = [11, 13, 16]
}
