import Linalg

/// Output sizes, valid index ranges and plane sums shared by the convolution and pooling layers.
enum SpatialGeometry {
    /// PyTorch's floor output size `(input + 2·padding − kernel) / stride + 1`, or nil when a size is
    /// not positive, the padding is negative, the kernel is larger than the padded input, or it overflows.
    static func outputSize(input: Int, kernel: Int, stride: Int, padding: Int) -> Int? {
        guard input > 0, kernel > 0, stride > 0, padding >= 0 else { return nil }
        let (twice, overflow) = padding.multipliedReportingOverflow(by: 2)
        guard !overflow else { return nil }
        let (padded, overflow2) = input.addingReportingOverflow(twice)
        guard !overflow2, padded >= kernel else { return nil }
        return (padded - kernel) / stride + 1
    }

    /// Whether every extent is positive and the element count does not overflow.
    static func fits(_ shape: TensorShape) -> Bool {
        guard shape.channels > 0, shape.height > 0, shape.width > 0 else { return false }
        let (area, overflow) = shape.height.multipliedReportingOverflow(by: shape.width)
        guard !overflow else { return false }
        return !shape.channels.multipliedReportingOverflow(by: area).overflow
    }

    /// The output positions o in 0..<output whose input position `o·stride − padding + offset` lies in
    /// 0..<input; they are consecutive.
    static func validOutputs(offset: Int, input: Int, output: Int, stride: Int, padding: Int) -> Range<Int> {
        var low = 0
        while low < output && low * stride - padding + offset < 0 { low += 1 }
        var high = low
        while high < output && high * stride - padding + offset < input { high += 1 }
        return low..<high
    }

    /// Σ values[0..<count] with four running sums (independent chains, so it pipelines).
    @inline(__always)
    static func sum<Scalar: NetworkScalar>(_ values: UnsafePointer<Scalar>, count: Int) -> Scalar {
        var s0: Scalar = 0, s1: Scalar = 0, s2: Scalar = 0, s3: Scalar = 0
        var i = 0
        while i + 4 <= count {
            s0 += values[i]
            s1 += values[i + 1]
            s2 += values[i + 2]
            s3 += values[i + 3]
            i += 4
        }
        while i < count {
            s0 += values[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    /// A pooling layer's output shape (channels unchanged), or nil when a size is not positive, the
    /// padding is negative or above half the kernel (PyTorch's rule), or the kernel exceeds the padded input.
    static func poolOutputShape(input: TensorShape, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int) -> TensorShape? {
        guard fits(input), padding >= 0, padding <= kernelHeight / 2, padding <= kernelWidth / 2,
              let height = outputSize(input: input.height, kernel: kernelHeight, stride: stride, padding: padding),
              let width = outputSize(input: input.width, kernel: kernelWidth, stride: stride, padding: padding)
        else { return nil }
        return TensorShape(channels: input.channels, height: height, width: width)
    }
}
