import Linalg

/// Average pooling with PyTorch's defaults: floor output size and `count_include_pad = true` (padding
/// counts as zeros in the divisor). Square windows; ``init(globalOver:maxBatch:)`` averages each
/// channel's whole plane (C×H×W → C×1×1), also for non-square planes.
final class AvgPool2d<Scalar: NetworkScalar> {
    let inputShape: TensorShape
    let outputShape: TensorShape
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int
    let maxBatch: Int
    private let output: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>

    /// The output shape, or nil when the configuration is invalid: a non-positive size, negative padding,
    /// padding above half the kernel (PyTorch refuses it), a kernel larger than the padded input.
    static func outputShape(input: TensorShape, kernel: Int, stride: Int, padding: Int = 0) -> TensorShape? {
        SpatialGeometry.poolOutputShape(input: input, kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding)
    }

    convenience init(input: TensorShape, kernel: Int, stride: Int, padding: Int = 0, maxBatch: Int) {
        self.init(input: input, kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding, maxBatch: maxBatch)
    }

    /// Global average pooling: one window over each channel's whole H×W plane.
    convenience init(globalOver input: TensorShape, maxBatch: Int) {
        self.init(input: input, kernelHeight: input.height, kernelWidth: input.width, stride: 1, padding: 0, maxBatch: maxBatch)
    }

    private init(input: TensorShape, kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int, maxBatch: Int) {
        guard let shape = SpatialGeometry.poolOutputShape(input: input, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                                          stride: stride, padding: padding) else {
            preconditionFailure("AvgPool2d: invalid configuration: input \(input), kernel \(kernelHeight)×\(kernelWidth), "
                                + "stride \(stride), padding \(padding)")
        }
        precondition(maxBatch > 0, "AvgPool2d: maxBatch must be positive")
        inputShape = input
        outputShape = shape
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.stride = stride
        self.padding = padding
        self.maxBatch = maxBatch
        output = Buffer(count: maxBatch * shape.count)
        inputGradient = Buffer(count: maxBatch * input.count)
    }

    var parameters: [Parameter<Scalar>] { [] }

    /// x (batch × C×H×W) → y (batch × C×Ho×Wo)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "AvgPool2d: batch \(batch) outside 0…\(maxBatch)")
        let width = inputShape.width, outWidth = outputShape.width
        for plane in 0..<(batch * inputShape.channels) {
            let source = x + plane * inputShape.spatial
            let y = output.pointer + plane * outputShape.spatial
            for oh in 0..<outputShape.height {
                let rows = window(oh, kernel: kernelHeight, input: inputShape.height)
                for ow in 0..<outWidth {
                    let columns = window(ow, kernel: kernelWidth, input: width)
                    var sum: Scalar = 0
                    for ih in rows.valid {
                        for iw in columns.valid { sum += source[ih * width + iw] }
                    }
                    y[oh * outWidth + ow] = sum / Scalar(rows.padded * columns.padded)
                }
            }
        }
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × C×Ho×Wo) → dx (batch × C×H×W)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "AvgPool2d: batch \(batch) outside 0…\(maxBatch)")
        let dx = inputGradient.pointer
        dx.update(repeating: 0, count: batch * inputShape.count)
        let width = inputShape.width, outWidth = outputShape.width
        for plane in 0..<(batch * inputShape.channels) {
            let target = dx + plane * inputShape.spatial
            let gradient = dy + plane * outputShape.spatial
            for oh in 0..<outputShape.height {
                let rows = window(oh, kernel: kernelHeight, input: inputShape.height)
                for ow in 0..<outWidth {
                    let columns = window(ow, kernel: kernelWidth, input: width)
                    let share = gradient[oh * outWidth + ow] / Scalar(rows.padded * columns.padded)
                    for ih in rows.valid {
                        for iw in columns.valid { target[ih * width + iw] += share }
                    }
                }
            }
        }
        return UnsafePointer(dx)
    }

    /// Output position `o`'s window along one axis: the input positions inside the image, and the
    /// window's length clipped to the padded input (PyTorch's divisor factor with count_include_pad).
    @inline(__always)
    private func window(_ o: Int, kernel: Int, input: Int) -> (valid: Range<Int>, padded: Int) {
        let start = o * stride - padding
        let end = min(start + kernel, input + padding)
        return (max(start, 0)..<min(end, input), end - start)
    }
}
