extension ImageSet {
    /// Every image resized to `size × size`; see `resized(height:width:)`.
    public func resized(to size: Int) -> ImageSet {
        resized(height: size, width: size)
    }

    /// Every image resized to `height × width`, each channel on its own, the way Pillow's
    /// `Image.resize(..., BILINEAR)` (and torchvision's `Resize` on PIL images) does it: a separable
    /// antialiased triangle filter (support scaled by the reduction factor), horizontal pass first,
    /// the intermediate rounded to 8 bits, then the vertical pass (see `BilinearKernel`).
    /// Resizing to the current size returns the set unchanged, and so does a size below 1
    /// (callers validate sizes; `DatasetRecipe` rejects them).
    public func resized(height newHeight: Int, width newWidth: Int) -> ImageSet {
        guard newHeight >= 1, newWidth >= 1, newHeight != height || newWidth != width else { return self }
        let horizontal = newWidth == width ? nil : BilinearKernel(inSize: width, outSize: newWidth)
        let vertical = newHeight == height ? nil : BilinearKernel(inSize: height, outSize: newHeight)
        let planes = count * channels
        let inPlane = height * width
        let midPlane = height * newWidth
        let outPlane = newHeight * newWidth
        var output = [UInt8](repeating: 0, count: planes * outPlane)
        var middle = [UInt8](repeating: 0, count: midPlane)
        pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                middle.withUnsafeMutableBufferPointer { mid in
                    for plane in 0..<planes {
                        let src = UnsafeBufferPointer(rebasing: source[(plane * inPlane)..<((plane + 1) * inPlane)])
                        let dst = UnsafeMutableBufferPointer(rebasing: target[(plane * outPlane)..<((plane + 1) * outPlane)])
                        // Horizontal pass: height rows of width → newWidth.
                        if let kernel = horizontal {
                            Self.resample(src, into: mid, kernel: kernel, lines: height, inStep: 1, inLine: width,
                                          outStep: 1, outLine: newWidth)
                        } else {
                            for p in 0..<inPlane { mid[p] = src[p] }
                        }
                        // Vertical pass: newWidth columns of height → newHeight.
                        if let kernel = vertical {
                            Self.resample(UnsafeBufferPointer(mid), into: dst, kernel: kernel, lines: newWidth,
                                          inStep: newWidth, inLine: 1, outStep: newWidth, outLine: 1)
                        } else {
                            for p in 0..<outPlane { dst[p] = mid[p] }
                        }
                    }
                }
            }
        }
        return ImageSet(unchecked: count, channels: channels, height: newHeight, width: newWidth,
                        pixels: output, labels: labels, classCount: classCount)
    }

    /// Resamples `lines` lines along one axis. Element `k` of line `l` is at `l * inLine + k * inStep`
    /// in the source and `l * outLine + k * outStep` in the target.
    private static func resample(_ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<UInt8>,
                                 kernel: BilinearKernel, lines: Int, inStep: Int, inLine: Int,
                                 outStep: Int, outLine: Int) {
        let half = 1 << (BilinearKernel.precisionBits - 1)
        kernel.fixedWeights.withUnsafeBufferPointer { weights in
            for line in 0..<lines {
                let inBase = line * inLine
                let outBase = line * outLine
                for i in 0..<kernel.outSize {
                    let first = kernel.starts[i]
                    var sum = half
                    for k in 0..<kernel.counts[i] {
                        sum += Int(source[inBase + (first + k) * inStep]) * weights[i * kernel.stride + k]
                    }
                    target[outBase + i * outStep] = BilinearKernel.clip8(sum)
                }
            }
        }
    }
}
