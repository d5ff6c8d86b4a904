import Linalg

/// Batch normalisation per channel over batch × height × width, with PyTorch's semantics (the same as
/// ``BatchNorm1d``): batch statistics (biased variance) in `.train` and `.batchStatistics`, running
/// averages (momentum 0.1, unbiased variance over the batch·H·W values) updated only in `.train` and
/// used in `.eval`; eps 1e-5. With `rectify` the ReLU that follows is fused in: `y = max(γ·x̂ + β, 0)`. As the last
/// layer of a residual block's body it can also take the block's add and ReLU, `y = max(γ·x̂ + β + shortcut, 0)`
/// (``forward(_:batch:mode:adding:)``), which spares the block a pass over the activations each way.
///
/// x̂ = (x − mean)·(1/std) is not stored: backward recomputes it, bit for bit, from the input forward saw (kept, like
/// ``Conv2d``'s, until the next forward), which spares a write of the whole activation per step.
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
    /// The input of the last forward pass (x̂ is recomputed from it).
    private var input: UnsafePointer<Scalar>?
    private let inputGradient: Buffer<Scalar>
    private let mean: Buffer<Scalar>
    private let inverseStd: Buffer<Scalar>
    private var lastMode: Mode = .train
    /// Whether the last forward pass added a shortcut and rectified (the residual block's add and ReLU).
    private var addedShortcut = false
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
        inputGradient = Buffer(count: maxBatch * input.count)
        mean = Buffer(count: channels)
        inverseStd = Buffer(count: channels)
    }

    var channels: Int { inputShape.channels }

    var parameters: [Parameter<Scalar>] { [gamma, beta] }

    /// x (batch × C×H×W) → y (batch × C×H×W), rectified when `rectify`; with `shortcut` (batch × C×H×W, only
    /// without `rectify`), y = max(γ·x̂ + β + shortcut, 0), and backward must be given a `shortcutGradient`.
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode,
                 adding shortcut: UnsafePointer<Scalar>? = nil) -> UnsafePointer<Scalar> {
        precondition(batch > 0 && batch <= maxBatch, "BatchNorm2d: batch \(batch) outside 1…\(maxBatch)")
        precondition(shortcut == nil || !rectify, "BatchNorm2d: a shortcut is added only without a fused ReLU")
        lastMode = mode
        input = x
        addedShortcut = shortcut != nil
        let c = channels, s = inputShape.spatial
        let mu = mean.pointer, inv = inverseStd.pointer
        if mode.usesBatchStatistics {
            let count = Double(batch * s)
            let channelRanges = team.ranges(c)
            team.run { part in for j in channelRanges[part] {
                var total = 0.0, squares = 0.0
                let m = withUnsafeTemporaryAllocation(of: Scalar.self, capacity: batch) { partials in
                    PlaneSums.sums(x + j * s, stride: c * s, planes: batch, count: s, into: partials.baseAddress!)
                    for i in 0..<batch { total += Double(partials[i]) }
                    let m = Scalar(total / count)
                    PlaneSums.squaredDeviations(x + j * s, stride: c * s, planes: batch, count: s, mean: m,
                                                into: partials.baseAddress!)
                    for i in 0..<batch { squares += Double(partials[i]) }
                    return m
                }
                mu[j] = m
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
                let plane = x + offset, y = output.pointer + offset
                let m = mu[j], invStd = inv[j], scale = g[j], shift = b[j]
                if let shortcut {
                    let skip = shortcut + offset
                    for k in 0..<s { y[k] = max(scale * ((plane[k] - m) * invStd) + shift + skip[k], 0) }
                } else if rectify {
                    for k in 0..<s {
                        let v = scale * ((plane[k] - m) * invStd) + shift
                        y[k] = v > 0 ? v : 0
                    }
                } else {
                    for k in 0..<s { y[k] = scale * ((plane[k] - m) * invStd) + shift }
                }
            }
        } }
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × C×H×W) → dx (batch × C×H×W); sets dγ and dβ (C each). After a forward pass that added a shortcut,
    /// also writes the shortcut's gradient, y > 0 ? dy : 0, to `shortcutGradient` (batch × C×H×W).
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int,
                  shortcutGradient: UnsafeMutablePointer<Scalar>? = nil) -> UnsafePointer<Scalar> {
        precondition(batch > 0 && batch <= maxBatch, "BatchNorm2d: batch \(batch) outside 1…\(maxBatch)")
        precondition(addedShortcut == (shortcutGradient != nil), "BatchNorm2d: shortcutGradient goes with an added shortcut")
        guard let x = input else { preconditionFailure("BatchNorm2d: backward before forward") }
        if addedShortcut {
            backward(dy, x: x, batch: batch, gate: ResidualRectifierGate.self, shortcutGradient: shortcutGradient)
        } else if rectify {
            backward(dy, x: x, batch: batch, gate: RectifierGate.self, shortcutGradient: nil)
        } else {
            backward(dy, x: x, batch: batch, gate: OpenGate.self, shortcutGradient: nil)
        }
        return UnsafePointer(inputGradient.pointer)
    }

    /// The backward pass through `Gate` (one compiled copy per gate).
    private func backward<Gate: OutputGate>(_ dy: UnsafePointer<Scalar>, x: UnsafePointer<Scalar>, batch: Int,
                                            gate: Gate.Type, shortcutGradient: UnsafeMutablePointer<Scalar>?) {
        let c = channels, s = inputShape.spatial
        let y = UnsafePointer(output.pointer)
        let g = gamma.value.pointer, mu = mean.pointer, inv = inverseStd.pointer
        let dx = inputGradient.pointer
        let count = Double(batch * s)
        let channelRanges = team.ranges(c)
        team.run { part in for j in channelRanges[part] {
            let m = mu[j], invStd = inv[j]
            var sumGradient = 0.0, sumGradientNormalized = 0.0
            withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 2 * batch) { partials in
                let sums = partials.baseAddress!, normalizedSums = sums + batch
                PlaneSums.gradientSums(dy: dy + j * s, y: y + j * s, gate: gate, x: x + j * s, mean: m,
                                       inverseStd: invStd, stride: c * s, planes: batch, count: s, gradient: sums,
                                       normalizedGradient: normalizedSums)
                for i in 0..<batch {
                    sumGradient += Double(sums[i])
                    sumGradientNormalized += Double(normalizedSums[i])
                }
            }
            beta.gradient.pointer[j] = Scalar(sumGradient)
            gamma.gradient.pointer[j] = Scalar(sumGradientNormalized)
            let factor = g[j] * invStd
            let meanGradient = Scalar(sumGradient / count)
            let meanGradientNormalized = Scalar(sumGradientNormalized / count)
            let batchStatistics = lastMode.usesBatchStatistics
            for i in 0..<batch {
                let offset = (i * c + j) * s
                let d = dy + offset, out = y + offset, plane = x + offset, target = dx + offset
                if batchStatistics {
                    for k in 0..<s {
                        let xhat = (plane[k] - m) * invStd
                        let g = Gate.gradient(d, output: out, at: k)
                        target[k] = factor * (g - meanGradient - xhat * meanGradientNormalized)
                    }
                } else {
                    for k in 0..<s { target[k] = factor * Gate.gradient(d, output: out, at: k) }
                }
                if let shortcutGradient {
                    let skip = shortcutGradient + offset
                    for k in 0..<s { skip[k] = Gate.gradient(d, output: out, at: k) }
                }
            }
        } }
    }
}
