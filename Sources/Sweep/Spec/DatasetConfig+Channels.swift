import Datasets
import Linalg

extension DatasetConfig {
    /// Channels the source images have: 3 for `cifar10`, 1 for the grey datasets.
    var sourceChannels: Int { hasColourChannels ? CIFAR10.channels : 1 }

    /// The normalisation as it acts on the kept channels, canonical: with `green` a per-channel list is
    /// reduced to its green entry, and a list of equal values to that one value.
    var effectiveNormalization: (mean: ChannelValues, std: ChannelValues) {
        func effective(_ values: ChannelValues) -> ChannelValues {
            if hasColourChannels, channels == "green", values.values.count == CIFAR10.channels {
                return ChannelValues(values.values[CIFAR10.green])
            }
            return values.collapsed
        }
        return (effective(normalizeMean), effective(normalizeStd))
    }

    /// The `dataset.normalize` parameter: `[mean, std]` when one value covers every channel (as it
    /// always did for grey images), else `[[means], [stds]]`.
    var normalizeParam: ParamValue {
        let (mean, std) = effectiveNormalization
        if mean.isUniform, std.isUniform { return .list([.double(mean.values[0]), .double(std.values[0])]) }
        return .list([.list(mean.values.map(ParamValue.double)), .list(std.values.map(ParamValue.double))])
    }

    /// The normalisation a dataset gets when the spec gives none (CIFAR-10's channel statistics for
    /// `cifar10`, only the green entries with `green`; 0.5 and 0.5 otherwise).
    static func defaultNormalization(name: String, channels: String) -> (mean: ChannelValues, std: ChannelValues) {
        DatasetRecipe.defaultNormalization(name: name, channels: channels)
    }

    /// The shape of one prepared example (`gaussian`: a flat vector of `dimension`).
    public var exampleShape: TensorShape {
        let recipe = DatasetRecipe(name: name, resize: resize, channels: channels ?? "all", dimension: dimension)
        return recipe.exampleShape ?? .flat(dimension)
    }
}
