/// Batch normalisation over the batch dimension with PyTorch's semantics:
/// batch statistics (biased variance) in training, running averages (momentum 0.1, unbiased variance) in evaluation.
/// With `rectify` the ReLU that follows is fused in: `y = max(γ·x̂ + β, 0)`, saving a pass each way.
final class BatchNorm1d<Scalar: NetworkScalar> {
    let features: Int
    let rectify: Bool
    let gamma: Parameter<Scalar>
    let beta: Parameter<Scalar>
    let runningMean: Buffer<Scalar>
    let runningVariance: Buffer<Scalar>
    let momentum: Scalar = 0.1
    let epsilon: Scalar = 1e-5
    private let output: Buffer<Scalar>
    private let normalized: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>
    private let mean: Buffer<Scalar>
    private let inverseStd: Buffer<Scalar>
    private let sumGradient: Buffer<Scalar>
    private let sumGradientNormalized: Buffer<Scalar>
    private var lastMode: Mode = .train

    init(features: Int, maxBatch: Int, name: String, rectify: Bool = false) {
        self.features = features
        self.rectify = rectify
        gamma = Parameter(name: "\(name).weight", count: features)
        beta = Parameter(name: "\(name).bias", count: features)
        gamma.value.pointer.update(repeating: 1, count: features)
        runningMean = Buffer(count: features)
        runningVariance = Buffer(count: features)
        runningVariance.pointer.update(repeating: 1, count: features)
        output = Buffer(count: maxBatch * features)
        normalized = Buffer(count: maxBatch * features)
        inputGradient = Buffer(count: maxBatch * features)
        mean = Buffer(count: features)
        inverseStd = Buffer(count: features)
        sumGradient = Buffer(count: features)
        sumGradientNormalized = Buffer(count: features)
    }

    /// x (batch × features) → y (batch × features), rectified when `rectify`
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode) -> UnsafePointer<Scalar> {
        lastMode = mode
        let f = features
        let mu = mean.pointer, inv = inverseStd.pointer
        if mode.usesBatchStatistics {
            TrainingKernels.columnSums(x, rows: batch, cols: f, into: mu)
            let scale = 1 / Scalar(batch)
            for j in 0..<f { mu[j] *= scale }
            // inv holds the sum of squared deviations until it is turned into 1/std.
            TrainingKernels.squaredDeviationSums(x, rows: batch, cols: f, mean: mu, into: inv)
            if mode == .train {
                let unbiased = batch > 1 ? 1 / Scalar(batch - 1) : 0
                let rm = runningMean.pointer, rv = runningVariance.pointer
                for j in 0..<f {
                    rm[j] = (1 - momentum) * rm[j] + momentum * mu[j]
                    rv[j] = (1 - momentum) * rv[j] + momentum * inv[j] * unbiased
                }
            }
            for j in 0..<f { inv[j] = 1 / (inv[j] * scale + epsilon).squareRoot() }
        } else {
            for j in 0..<f {
                mu[j] = runningMean.pointer[j]
                inv[j] = 1 / (runningVariance.pointer[j] + epsilon).squareRoot()
            }
        }
        TrainingKernels.batchNormNormalize(x, rows: batch, cols: f, mean: mu, inverseStd: inv,
                                           gamma: gamma.value.pointer, beta: beta.value.pointer, rectify: rectify,
                                           normalized: normalized.pointer, output: output.pointer)
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × features) → dx (batch × features); sets dγ and dβ.
    func backward(_ outputGradient: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let f = features
        let dy = outputGradient, y = output.pointer
        // Through the fused ReLU the gradient is dy where the output is positive, else 0; without
        // `rectify` every output is above the floor and every mask is 1.
        let floor: Scalar = rectify ? 0 : -.infinity
        let sdy = sumGradient.pointer, sdyx = sumGradientNormalized.pointer
        TrainingKernels.batchNormGradientSums(dy, output: y, normalized: normalized.pointer, rows: batch, cols: f,
                                              floor: floor, sumGradient: sdy, sumGradientNormalized: sdyx)
        let g = gamma.value.pointer, inv = inverseStd.pointer
        for j in 0..<f {
            beta.gradient.pointer[j] = sdy[j]
            gamma.gradient.pointer[j] = sdyx[j]
        }
        let dx = inputGradient.pointer
        if lastMode.usesBatchStatistics {
            let scale = 1 / Scalar(batch)
            for j in 0..<f {
                sdy[j] *= scale
                sdyx[j] *= scale
            }
            TrainingKernels.batchNormInputGradient(dy, output: y, normalized: normalized.pointer, rows: batch, cols: f,
                                                   floor: floor, gamma: g, inverseStd: inv, meanGradient: sdy,
                                                   meanGradientNormalized: sdyx, into: dx)
        } else {
            for i in 0..<batch {
                let d = dy + i * f, out = y + i * f
                let target = dx + i * f
                for j in 0..<f {
                    let mask: Scalar = out[j] > floor ? 1 : 0
                    target[j] = g[j] * inv[j] * d[j] * mask
                }
            }
        }
        return UnsafePointer(dx)
    }
}
