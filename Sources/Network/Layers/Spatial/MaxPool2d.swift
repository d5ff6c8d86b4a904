import CKernels
import Linalg

/// Max pooling over square windows with PyTorch's semantics: padding counts as −∞, floor output size,
/// the first maximum in row-major window order wins ties (a NaN wins over numbers, as in PyTorch's CPU
/// kernel); backward routes each output's gradient to the input position recorded in forward. Float32 runs
/// `seplaw_maxpool_forward` (eight outputs of a row at a time, the same rule per lane); Float64 the loop below.
final class MaxPool2d<Scalar: NetworkScalar> {
    let inputShape: TensorShape
    let outputShape: TensorShape
    let kernel: Int
    let stride: Int
    let padding: Int
    let maxBatch: Int
    private let output: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>
    /// For every output element, the position (ih·W + iw) of its maximum within the input plane.
    private let indices: UnsafeMutablePointer<Int32>
    /// Whether the last forward kept `indices` (not in `.eval` mode).
    private var positionsKept = false

    /// The output shape, or nil when the configuration is invalid: a non-positive size, negative padding,
    /// padding above half the kernel (PyTorch refuses it), a kernel larger than the padded input.
    static func outputShape(input: TensorShape, kernel: Int, stride: Int, padding: Int = 0) -> TensorShape? {
        SpatialGeometry.poolOutputShape(input: input, kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding)
    }

    init(input: TensorShape, kernel: Int, stride: Int, padding: Int = 0, maxBatch: Int) {
        guard let shape = Self.outputShape(input: input, kernel: kernel, stride: stride, padding: padding) else {
            preconditionFailure("MaxPool2d: invalid configuration: input \(input), kernel \(kernel), stride \(stride), padding \(padding)")
        }
        precondition(maxBatch > 0, "MaxPool2d: maxBatch must be positive")
        precondition(input.spatial <= Int(Int32.max), "MaxPool2d: input plane \(input) too large for Int32 indices")
        inputShape = input
        outputShape = shape
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.maxBatch = maxBatch
        output = Buffer(count: maxBatch * shape.count)
        inputGradient = Buffer(count: maxBatch * input.count)
        indices = .allocate(capacity: max(maxBatch * shape.count, 1))
        indices.initialize(repeating: 0, count: max(maxBatch * shape.count, 1))
    }

    deinit { indices.deallocate() }

    /// The threads forward and backward split their channel planes across (results do not depend on the count).
    var team: ThreadTeam = .single

    var parameters: [Parameter<Scalar>] { [] }

    /// x (batch × C×H×W) → y (batch × C×Ho×Wo). In `.eval` mode no positions are kept (backward needs a forward
    /// in another mode first).
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode = .train) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "MaxPool2d: batch \(batch) outside 0…\(maxBatch)")
        let keep = mode != .eval
        positionsKept = keep
        let planeRanges = team.ranges(batch * inputShape.channels)
        team.run { part in
            let planes = planeRanges[part]
            guard !planes.isEmpty else { return }
            if Scalar.self == Float.self, pooledByKernel(x, planes: planes, keepPositions: keep) { return }
            pool(x, planes: planes)
        }
        return UnsafePointer(output.pointer)
    }

    /// `seplaw_maxpool_forward` on Float planes; false (nothing written) when it could not allocate its rows.
    private func pooledByKernel(_ x: UnsafePointer<Scalar>, planes: Range<Int>, keepPositions: Bool) -> Bool {
        let first = planes.lowerBound
        return seplaw_maxpool_forward((x + first * inputShape.spatial).asFloats, planes.count, inputShape.height,
                                      inputShape.width, kernel, stride, padding, outputShape.height, outputShape.width,
                                      (output.pointer + first * outputShape.spatial).asFloats,
                                      keepPositions ? indices + first * outputShape.spatial : nil) == 0
    }

    /// The window loop, one plane at a time (Float64, and Float if the kernel could not run).
    private func pool(_ x: UnsafePointer<Scalar>, planes: Range<Int>) {
        let height = inputShape.height, width = inputShape.width
        let outHeight = outputShape.height, outWidth = outputShape.width
        let k = kernel, s = stride, p = padding
        for plane in planes {
            let source = x + plane * inputShape.spatial
            let y = output.pointer + plane * outputShape.spatial
            let index = indices + plane * outputShape.spatial
            for oh in 0..<outHeight {
                let rowStart = oh * s - p
                let rowLow = max(rowStart, 0), rowHigh = min(rowStart + k, height)
                for ow in 0..<outWidth {
                    let columnStart = ow * s - p
                    let columnLow = max(columnStart, 0), columnHigh = min(columnStart + k, width)
                    var best = -Scalar.infinity
                    var bestIndex = rowLow * width + columnLow
                    for ih in rowLow..<rowHigh {
                        for iw in columnLow..<columnHigh {
                            let v = source[ih * width + iw]
                            if v > best || v.isNaN {
                                best = v
                                bestIndex = ih * width + iw
                            }
                        }
                    }
                    y[oh * outWidth + ow] = best
                    index[oh * outWidth + ow] = Int32(truncatingIfNeeded: bestIndex)
                }
            }
        }
    }

    /// dy (batch × C×Ho×Wo) → dx (batch × C×H×W)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "MaxPool2d: batch \(batch) outside 0…\(maxBatch)")
        precondition(positionsKept, "MaxPool2d: backward without a forward that kept the positions (not in .eval)")
        let dx = inputGradient.pointer
        dx.update(repeating: 0, count: batch * inputShape.count)
        let outSpatial = outputShape.spatial
        let planeRanges = team.ranges(batch * inputShape.channels)
        team.run { part in for plane in planeRanges[part] {
            let target = dx + plane * inputShape.spatial
            let gradient = dy + plane * outSpatial
            let index = indices + plane * outSpatial
            for o in 0..<outSpatial { target[Int(index[o])] += gradient[o] }
        } }
        return UnsafePointer(dx)
    }
}
