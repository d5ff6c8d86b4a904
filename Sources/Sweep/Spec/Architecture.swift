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
        case .gfnn, .mlp, .vgg, .alexnet, .resnet, .densenet, .googlenet: return 1
        }
    }

    /// The convolutional architectures, in declaration order.
    public static var convolutional: [Architecture] { allCases.filter(\.isConvolutional) }

    /// The VGG variants (`model.depth` of `vgg`).
    public static let vggVariants = [11, 13, 16]
}
