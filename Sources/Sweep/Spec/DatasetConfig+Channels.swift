import Linalg
import Vocabulary

extension DatasetConfig {
    /// The normalisation as it acts on the kept channels, canonical: with `green` a per-channel list is
    /// reduced to its green entry, and a list of equal values to that one value.
    var effectiveNormalization: (mean: ChannelValues, std: ChannelValues) {
        func effective(_ values: ChannelValues) -> ChannelValues {
            if hasColourChannels, channels == .green, values.values.count == name.sourceChannels {
                return ChannelValues(values.values[DatasetName.greenChannel])
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
}
