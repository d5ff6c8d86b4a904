/// The training step's element-wise and column-reduction loops, written once for any scalar type.
/// Float64 (gradient checks) runs them; Float32 runs the C copies in ``TrainingKernels``, which must
/// give the same bits (tested).
enum ReferenceKernels {
    /// x (rows × cols) → sums (cols): 0 + x[0][j] + … + x[rows−1][j]
    static func columnSums<Scalar: NetworkScalar>(_ x: UnsafePointer<Scalar>, rows: Int, cols: Int,
                                                  into sums: UnsafeMutablePointer<Scalar>) {
        sums.update(repeating: 0, count: cols)
        for i in 0..<rows {
            let row = x + i * cols
            for j in 0..<cols { sums[j] += row[j] }
        }
    }

    /// x (rows × cols), mean (cols) → sums (cols): Σ_i (x[i][j] − mean[j])²
    static func squaredDeviationSums<Scalar: NetworkScalar>(_ x: UnsafePointer<Scalar>, rows: Int, cols: Int,
                                                            mean: UnsafePointer<Scalar>,
                                                            into sums: UnsafeMutablePointer<Scalar>) {
        sums.update(repeating: 0, count: cols)
        for i in 0..<rows {
            let row = x + i * cols
            for j in 0..<cols {
                let d = row[j] - mean[j]
                sums[j] += d * d
            }
        }
    }

    /// x (rows × cols) → x̂ = (x − mean)·inverseStd and y = γ·x̂ + β, rectified (max(·, 0)) when asked.
    static func batchNormNormalize<Scalar: NetworkScalar>(
        _ x: UnsafePointer<Scalar>, rows: Int, cols: Int, mean: UnsafePointer<Scalar>,
        inverseStd: UnsafePointer<Scalar>, gamma: UnsafePointer<Scalar>, beta: UnsafePointer<Scalar>,
        rectify: Bool, normalized: UnsafeMutablePointer<Scalar>, output: UnsafeMutablePointer<Scalar>
    ) {
        for i in 0..<rows {
            let row = x + i * cols, xhat = normalized + i * cols, y = output + i * cols
            for j in 0..<cols {
                let n = (row[j] - mean[j]) * inverseStd[j]
                xhat[j] = n
                let v = gamma[j] * n + beta[j]
                y[j] = rectify ? (v > 0 ? v : 0) : v
            }
        }
    }

    /// dy, y, x̂ (rows × cols) → with g = dy·[y > floor]: sumGradient = Σ_i g, sumGradientNormalized = Σ_i g·x̂
    static func batchNormGradientSums<Scalar: NetworkScalar>(
        _ dy: UnsafePointer<Scalar>, output y: UnsafePointer<Scalar>, normalized: UnsafePointer<Scalar>,
        rows: Int, cols: Int, floor: Scalar,
        sumGradient: UnsafeMutablePointer<Scalar>, sumGradientNormalized: UnsafeMutablePointer<Scalar>
    ) {
        sumGradient.update(repeating: 0, count: cols)
        sumGradientNormalized.update(repeating: 0, count: cols)
        for i in 0..<rows {
            let d = dy + i * cols, out = y + i * cols, xhat = normalized + i * cols
            for j in 0..<cols {
                let mask: Scalar = out[j] > floor ? 1 : 0
                let gradient = d[j] * mask
                sumGradient[j] += gradient
                sumGradientNormalized[j] += gradient * xhat[j]
            }
        }
    }

    /// dy, y, x̂ (rows × cols) → dx (rows × cols) = (γ·inverseStd)·((dy·[y > floor] − meanGradient) − x̂·meanGradientNormalized)
    static func batchNormInputGradient<Scalar: NetworkScalar>(
        _ dy: UnsafePointer<Scalar>, output y: UnsafePointer<Scalar>, normalized: UnsafePointer<Scalar>,
        rows: Int, cols: Int, floor: Scalar, gamma: UnsafePointer<Scalar>, inverseStd: UnsafePointer<Scalar>,
        meanGradient: UnsafePointer<Scalar>, meanGradientNormalized: UnsafePointer<Scalar>,
        into dx: UnsafeMutablePointer<Scalar>
    ) {
        for i in 0..<rows {
            let d = dy + i * cols, out = y + i * cols, xhat = normalized + i * cols, target = dx + i * cols
            for j in 0..<cols {
                let mask: Scalar = out[j] > floor ? 1 : 0
                target[j] = gamma[j] * inverseStd[j] * (d[j] * mask - meanGradient[j] - xhat[j] * meanGradientNormalized[j])
            }
        }
    }

    /// p −= rate·(g + decay·p)
    static func sgdUpdate<Scalar: NetworkScalar>(_ p: UnsafeMutablePointer<Scalar>, gradient g: UnsafePointer<Scalar>,
                                                 count: Int, rate: Scalar, decay: Scalar) {
        for i in 0..<count { p[i] -= rate * (g[i] + decay * p[i]) }
    }

    /// v = momentum·v + (g + decay·p); p −= rate·v
    static func momentumUpdate<Scalar: NetworkScalar>(_ p: UnsafeMutablePointer<Scalar>, gradient g: UnsafePointer<Scalar>,
                                                      velocity v: UnsafeMutablePointer<Scalar>, count: Int,
                                                      rate: Scalar, decay: Scalar, momentum: Scalar) {
        for i in 0..<count {
            v[i] = momentum * v[i] + (g[i] + decay * p[i])
            p[i] -= rate * v[i]
        }
    }

    /// grad = g + decay·p; m = β1·m + (1 − β1)·grad; v = β2·v + (1 − β2)·grad·grad; p −= stepSize·m / (sqrt(v)/root2 + ε)
    static func adamUpdate<Scalar: NetworkScalar>(_ p: UnsafeMutablePointer<Scalar>, gradient g: UnsafePointer<Scalar>,
                                                  firstMoment m: UnsafeMutablePointer<Scalar>,
                                                  secondMoment v: UnsafeMutablePointer<Scalar>, count: Int,
                                                  _ c: AdamConstants<Scalar>) {
        for i in 0..<count {
            let grad = g[i] + c.decay * p[i]
            m[i] = c.beta1 * m[i] + (1 - c.beta1) * grad
            v[i] = c.beta2 * v[i] + (1 - c.beta2) * grad * grad
            p[i] -= c.stepSize * m[i] / (v[i].squareRoot() / c.root2 + c.epsilon)
        }
    }
}
