import Linalg

/// Batch normalisation per channel over batch × height × width, with PyTorch's semantics (the same as
/// ``BatchNorm1d``): batch statistics (biased variance) in `.train` and `.batchStatistics`, running
/// averages (momentum 0.1, unbiased variance over the batch·H·W values) updated only in `.train` and
/// used in `.eval`; eps 1e-5. With `rectify` the ReLU that follows is fused in: `y = max(γ·x̂ + β, 0)`.
///
/// Statistics sums run in `Scalar` within one example's channel plane (H·W values) and in Double
/// across the planes of a batch, so their rounding error grows with H·W, not with batch·H·W; the mean
/// and 1/std are rounded to `Scalar` once.
final class BatchNorm2d<Scalar: NetworkScalar> {
    let inputShape: TensorShape
    let outputShape: TensorShape
    let rectify: Bool
    let gamma: Parameter<Scalar>
    let beta: Parameter<Scalar>
    let runningMean: Buffer<Scalar>
    let runningVariance: Buffer<Scalar>
    let momentum: Scalar = 0.1
    let epsilon: Scalar = 1e-5
    let maxBatch: Int
    private let output: Buffer<Scalar>
    private let normalized: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>
    private let mean: Buffer<Scalar>
    private let inverseStd: Buffer<Scalar>
    private var lastMode: Mode = .train
    /// The threads the per-channel loops split their channels across (every channel's arithmetic is the same for
    /// any count, so results do not depend on it).
    var team: ThreadTeam = .single

    init(shape input: TensorShape, maxBatch: Int, name: String, rectify: Bool = false) {
        precondition(SpatialGeometry.fits(input), "BatchNorm2d \(name): invalid input shape \(input)")
        precondition(maxBatch > 0, "BatchNorm2d \(name): maxBatch must be positive")
        inputShape = input
        outputShape = input
        self.rectify = rectify
        self.maxBatch = maxBatch
        let channels = input.channels
        gamma = Parameter(name: "\(name).weight", count: channels)
        beta = Parameter(name: "\(name).bias", count: channels)
        gamma.value.pointer.update(repeating: 1, count: channels)
        runningMean = Buffer(count: channels)
        runningVariance = Buffer(count: channels)
        runningVariance.pointer.update(repeating: 1, count: channels)
        output = Buffer(count: maxBatch * input.count)
        normalized = Buffer(count: maxBatch * input.count)
        inputGradient = Buffer(count: maxBatch * input.count)
        mean = Buffer(count: channels)
        inverseStd = Buffer(count: channels)
    }

    var channels: Int { inputShape.channels }

    var parameters: [Parameter<Scalar>] { [gamma, beta] }

    /// x (batch × C×H×W) → y (batch × C×H×W), rectified when `rectify`
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode) -> UnsafePointer<Scalar> {
        precondition(batch > 0 && batch <= maxBatch, "BatchNorm2d: batch \(batch) outside 1…\(maxBatch)")
        lastMode = mode
        let c = channels, s = inputShape.spatial
        let mu = mean.pointer, inv = inverseStd.pointer
        if mode.usesBatchStatistics {
            let count = Double(batch * s)
            let channelRanges = team.ranges(c)
            team.run { part in for j in channelRanges[part] {
                var total = 0.0
                for i in 0..<batch { total += Double(SpatialGeometry.sum(x + (i * c + j) * s, count: s)) }
                let m = Scalar(total / count)
                mu[j] = m
                var squares = 0.0
                withUnsafeTemporaryAllocation(of: Scalar.self, capacity: batch) { partials in
                    PlaneSums.squaredDeviations(x + j * s, stride: c * s, planes: batch, count: s, mean: m,
                                                into: partials.baseAddress!)
                    for i in 0..<batch { squares += Double(partials[i]) }
                }
                if mode == .train {
                    let unbiased = count > 1 ? Scalar(squares / (count - 1)) : 0
                    runningMean.pointer[j] = (1 - momentum) * runningMean.pointer[j] + momentum * m
                    runningVariance.pointer[j] = (1 - momentum) * runningVariance.pointer[j] + momentum * unbiased
                }
                inv[j] = Scalar(1 / (squares / count + Double(epsilon)).squareRoot())
            } }
        } else {
            for j in 0..<c {
                mu[j] = runningMean.pointer[j]
                inv[j] = 1 / (runningVariance.pointer[j] + epsilon).squareRoot()
            }
        }
        let g = gamma.value.pointer, b = beta.value.pointer
        let channelRanges = team.ranges(c)
        team.run { part in for i in 0..<batch {
            for j in channelRanges[part] {
                let offset = (i * c + j) * s
                let plane = x + offset, xhat = normalized.pointer + offset, y = output.pointer + offset
                let m = mu[j], invStd = inv[j], scale = g[j], shift = b[j]
                if rectify {
                    for k in 0..<s {
                        let n = (plane[k] - m) * invStd
                        xhat[k] = n
                        let v = scale * n + shift
                        y[k] = v > 0 ? v : 0
                    }
                } else {
                    for k in 0..<s {
                        let n = (plane[k] - m) * invStd
                        xhat[k] = n
                        y[k] = scale * n + shift
                    }
                }
            }
        } }
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × C×H×W) → dx (batch × C×H×W); sets dγ and dβ (C each).
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch > 0 && batch <= maxBatch, "BatchNorm2d: batch \(batch) outside 1…\(maxBatch)")
        let c = channels, s = inputShape.spatial
        let y = output.pointer
        // Through the fused ReLU the gradient is dy where the output is positive, else 0; without
        // `rectify` every output is above the floor and every mask is 1.
        let floor: Scalar = rectify ? 0 : -.infinity
        let g = gamma.value.pointer, inv = inverseStd.pointer
        let dx = inputGradient.pointer
        let count = Double(batch * s)
        let channelRanges = team.ranges(c)
        team.run { part in for j in channelRanges[part] {
            var sumGradient = 0.0, sumGradientNormalized = 0.0
            withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 2 * batch) { partials in
                let sums = partials.baseAddress!, normalizedSums = sums + batch
                PlaneSums.gradientSums(dy: dy + j * s, y: y + j * s, normalized: normalized.pointer + j * s,
                                       stride: c * s, planes: batch, count: s, floor: floor, gradient: sums,
                                       normalizedGradient: normalizedSums)
                for i in 0..<batch {
                    sumGradient += Double(sums[i])
                    sumGradientNormalized += Double(normalizedSums[i])
                }
            }
            beta.gradient.pointer[j] = Scalar(sumGradient)
            gamma.gradient.pointer[j] = Scalar(sumGradientNormalized)
            let factor = g[j] * inv[j]
            if lastMode.usesBatchStatistics {
                let meanGradient = Scalar(sumGradient / count)
                let meanGradientNormalized = Scalar(sumGradientNormalized / count)
                for i in 0..<batch {
                    let offset = (i * c + j) * s
                    let d = dy + offset, out = y + offset, xhat = normalized.pointer + offset
                    let target = dx + offset
                    for k in 0..<s {
                        let mask: Scalar = out[k] > floor ? 1 : 0
                        target[k] = factor * (d[k] * mask - meanGradient - xhat[k] * meanGradientNormalized)
                    }
                }
            } else {
                for i in 0..<batch {
                    let offset = (i * c + j) * s
                    let d = dy + offset, out = y + offset, target = dx + offset
                    for k in 0..<s {
                        let mask: Scalar = out[k] > floor ? 1 : 0
                        target[k] = factor * d[k] * mask
                    }
                }
            }
        } }
        return UnsafePointer(dx)
    }
}
