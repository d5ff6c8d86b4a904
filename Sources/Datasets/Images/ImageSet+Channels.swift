extension ImageSet {
    /// The same images with only the channels at `indices`, in that order (e.g. `[1]`: the green
    /// channel of an RGB set, as a one-channel set). Every index must lie in `0..<channels` and the list
    /// must not be empty; anything else is a programming error and traps.
    public func keepingChannels(_ indices: [Int]) -> ImageSet {
        precondition(!indices.isEmpty, "ImageSet.keepingChannels: no channel kept")
        precondition(indices.allSatisfy { $0 >= 0 && $0 < channels },
                     "ImageSet.keepingChannels: \(indices) outside 0..<\(channels)")
        if indices == Array(0..<channels) { return self }
        let plane = height * width
        let kept = indices.count
        var output = [UInt8](repeating: 0, count: count * kept * plane)
        output.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                for image in 0..<count {
                    for (k, channel) in indices.enumerated() {
                        (to + (image * kept + k) * plane).update(from: from + (image * channels + channel) * plane,
                                                                  count: plane)
                    }
                }
            }
        }
        return ImageSet(unchecked: count, channels: kept, height: height, width: width,
                        pixels: output, labels: labels, classCount: classCount)
    }
}
