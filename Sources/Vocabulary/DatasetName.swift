/// The datasets seplaw reads, with the facts about each that every module asks here (class count, image
/// channels and size, the size of the full training and test sets, the normalisation a spec gets when it
/// gives none) instead of restating them.
public enum DatasetName: String, Sendable, Codable, CaseIterable {
    case fashionMNIST = "fashion-mnist"
    case mnist
    case kmnist
    case cifar10
    /// A synthetic Gaussian mixture (`dimension`, `separation`); no files.
    case gaussian

    /// Whether the data is generated rather than read from files.
    public var isSynthetic: Bool { self == .gaussian }

    /// Whether the images have colour channels to choose from (`channels` applies).
    public var hasColourChannels: Bool { self == .cifar10 }

    /// Channels of the images as stored: 3 for CIFAR-10, 1 for the grey datasets (and the mixture).
    public var sourceChannels: Int { self == .cifar10 ? 3 : 1 }

    /// Side of the square images as stored (28 for the MNIST family, 32 for CIFAR-10); nil for the mixture.
    public var nativeSide: Int? {
        switch self {
        case .fashionMNIST, .mnist, .kmnist: return 28
        case .cifar10: return 32
        case .gaussian: return nil
        }
    }

    /// Classes of the dataset (the mixture's default; its `class_counts` may say otherwise).
    public var classCount: Int { 10 }

    /// Images in the full training set (the mixture draws 100 per class by default).
    public var trainingImages: Int {
        switch self {
        case .fashionMNIST, .mnist, .kmnist: return 60_000
        case .cifar10: return 50_000
        case .gaussian: return 100 * classCount
        }
    }

    /// Images in the full test set (the mixture draws 100 per class by default).
    public var testImages: Int { self == .gaussian ? 100 * classCount : 10_000 }

    /// The index of the green channel in CIFAR-10's red, green, blue order.
    public static let greenChannel = 1

    /// CIFAR-10's per-channel mean and standard deviation of pixel values in [0, 1] (red, green, blue).
    public static let cifar10ChannelMeans: [Double] = [0.4914, 0.4822, 0.4465]
    public static let cifar10ChannelStds: [Double] = [0.247, 0.243, 0.261]

    /// The normalisation used when a spec or recipe gives none: CIFAR-10's channel statistics for `cifar10`
    /// (only the green entries with `green`), 0.5 and 0.5 for every other dataset.
    public func defaultNormalization(channels: ChannelSelection) -> (mean: ChannelValues, std: ChannelValues) {
        guard self == .cifar10 else { return (0.5, 0.5) }
        switch channels {
        case .green:
            return (ChannelValues(Self.cifar10ChannelMeans[Self.greenChannel]),
                    ChannelValues(Self.cifar10ChannelStds[Self.greenChannel]))
        case .all:
            return (ChannelValues(Self.cifar10ChannelMeans), ChannelValues(Self.cifar10ChannelStds))
        }
    }

    /// The source channels kept, in order: the green one for CIFAR-10 with `green`, else all.
    public func keptChannels(_ channels: ChannelSelection) -> [Int] {
        hasColourChannels && channels == .green ? [Self.greenChannel] : Array(0..<sourceChannels)
    }
}
