import Linalg

extension ImageSet {
    /// Features for a network: each pixel scaled to [0, 1] (p / 255) then `(x − mean) / std`, in
    /// Float32 exactly as torchvision's `ToTensor` + `Normalize` compute it; one row per image,
    /// channel-major (C×H×W flattened), with the shape `channels × height × width`.
    public func normalized(mean: Double, std: Double) throws(DatasetError) -> Dataset {
        try normalized(mean: [Double](repeating: mean, count: channels), std: [Double](repeating: std, count: channels))
    }

    /// As `normalized(mean:std:)` with one mean and standard deviation per channel.
    public func normalized(mean: [Double], std: [Double]) throws(DatasetError) -> Dataset {
        guard mean.count == channels, std.count == channels else {
            throw DatasetError(path: "", message: "normalisation needs one mean and one std per channel (\(channels)), "
                + "got \(mean.count) means and \(std.count) stds")
        }
        for c in 0..<channels {
            guard mean[c].isFinite, std[c].isFinite, std[c] != 0, Float(std[c]) != 0 else {
                throw DatasetError(path: "", message: "normalisation mean \(mean[c]) / std \(std[c]) of channel \(c) "
                    + "is unusable: both must be finite and std non-zero")
            }
        }
        // One 256-entry table per channel: ((p / 255) − mean) / std in Float32.
        var tables = [Float](repeating: 0, count: channels * 256)
        for c in 0..<channels {
            let m = Float(mean[c]), s = Float(std[c])
            for p in 0..<256 { tables[c * 256 + p] = (Float(p) / 255 - m) / s }
        }
        let plane = height * width
        var features = [Float](repeating: 0, count: pixels.count)
        features.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { source in
                tables.withUnsafeBufferPointer { table in
                    for index in 0..<source.count {
                        let channel = (index / plane) % channels
                        out[index] = table[channel * 256 + Int(source[index])]
                    }
                }
            }
        }
        return Dataset(unchecked: Matrix(rows: count, cols: imageSize, storage: features), labels: labels, classCount: classCount,
                       shape: TensorShape(channels: channels, height: height, width: width))
    }
}
