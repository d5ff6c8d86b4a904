import Linalg

/// The input's channels repeated `times` times along the channel axis, PyTorch's `x.repeat(1, times, 1, 1)`:
/// output channel c is input channel c mod C. Backward sums the copies.
final class ChannelRepeat<Scalar: NetworkScalar> {
    let inputShape: TensorShape
    let outputShape: TensorShape
    let times: Int
    let maxBatch: Int
    private let output: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>

    /// The output shape, or nil when `times` is not positive, the input is empty, or the size overflows.
    static func outputShape(input: TensorShape, times: Int) -> TensorShape? {
        guard times > 0, SpatialGeometry.fits(input) else { return nil }
        let (channels, overflow) = input.channels.multipliedReportingOverflow(by: times)
        guard !overflow else { return nil }
        let shape = TensorShape(channels: channels, height: input.height, width: input.width)
        return SpatialGeometry.fits(shape) ? shape : nil
    }

    init(input: TensorShape, times: Int, maxBatch: Int) {
        guard let shape = Self.outputShape(input: input, times: times) else {
            preconditionFailure("ChannelRepeat: invalid configuration: input \(input), times \(times)")
        }
        precondition(maxBatch > 0, "ChannelRepeat: maxBatch must be positive")
        inputShape = input
        outputShape = shape
        self.times = times
        self.maxBatch = maxBatch
        output = Buffer(count: maxBatch * shape.count)
        inputGradient = Buffer(count: maxBatch * input.count)
    }

    var parameters: [Parameter<Scalar>] { [] }

    /// x (batch × C×H×W) → y (batch × (times·C)×H×W)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "ChannelRepeat: batch \(batch) outside 0…\(maxBatch)")
        let size = inputShape.count
        for i in 0..<batch {
            let source = x + i * size
            let example = output.pointer + i * outputShape.count
            for t in 0..<times { (example + t * size).update(from: source, count: size) }
        }
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × (times·C)×H×W) → dx (batch × C×H×W)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "ChannelRepeat: batch \(batch) outside 0…\(maxBatch)")
        let size = inputShape.count
        for i in 0..<batch {
            let target = inputGradient.pointer + i * size
            let example = dy + i * outputShape.count
            target.update(from: example, count: size)
            for t in 1..<times {
                let copy = example + t * size
                for j in 0..<size { target[j] += copy[j] }
            }
        }
        return UnsafePointer(inputGradient.pointer)
    }
}
