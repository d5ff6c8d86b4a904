import CKernels

/// The training step's element-wise and column-reduction loops. Float32 runs the C kernels (AVX2 where
/// the CPU has it, chosen at load time); other scalar types run ``ReferenceKernels``. Both do the same
/// operations in the same order, so a Float32 result does not depend on which path or CPU computed it.
enum TrainingKernels {
    /// x (rows × cols) → sums (cols): 0 + x[0][j] + … + x[rows−1][j]
    static func columnSums<Scalar: NetworkScalar>(_ x: UnsafePointer<Scalar>, rows: Int, cols: Int,
                                                  into sums: UnsafeMutablePointer<Scalar>) {
        guard Scalar.self == Float.self else { return ReferenceKernels.columnSums(x, rows: rows, cols: cols, into: sums) }
        seplaw_column_sums(x.asFloats, rows, cols, sums.asFloats)
    }

    /// x (rows × cols), mean (cols) → sums (cols): Σ_i (x[i][j] − mean[j])²
    static func squaredDeviationSums<Scalar: NetworkScalar>(_ x: UnsafePointer<Scalar>, rows: Int, cols: Int,
                                                            mean: UnsafePointer<Scalar>,
                                                            into sums: UnsafeMutablePointer<Scalar>) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.squaredDeviationSums(x, rows: rows, cols: cols, mean: mean, into: sums)
        }
        seplaw_squared_deviation_sums(x.asFloats, rows, cols, mean.asFloats, sums.asFloats)
    }

    /// x (rows × cols) → x̂ = (x − mean)·inverseStd and y = γ·x̂ + β, rectified (max(·, 0)) when asked.
    static func batchNormNormalize<Scalar: NetworkScalar>(
        _ x: UnsafePointer<Scalar>, rows: Int, cols: Int, mean: UnsafePointer<Scalar>,
        inverseStd: UnsafePointer<Scalar>, gamma: UnsafePointer<Scalar>, beta: UnsafePointer<Scalar>,
        rectify: Bool, normalized: UnsafeMutablePointer<Scalar>, output: UnsafeMutablePointer<Scalar>
    ) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.batchNormNormalize(x, rows: rows, cols: cols, mean: mean, inverseStd: inverseStd,
                                                       gamma: gamma, beta: beta, rectify: rectify,
                                                       normalized: normalized, output: output)
        }
        seplaw_batchnorm_normalize(x.asFloats, rows, cols, mean.asFloats, inverseStd.asFloats, gamma.asFloats, beta.asFloats, rectify ? 1 : 0,
                                   normalized.asFloats, output.asFloats)
    }

    /// dy, y, x̂ (rows × cols) → with g = dy·[y > floor]: sumGradient = Σ_i g, sumGradientNormalized = Σ_i g·x̂
    static func batchNormGradientSums<Scalar: NetworkScalar>(
        _ dy: UnsafePointer<Scalar>, output y: UnsafePointer<Scalar>, normalized: UnsafePointer<Scalar>,
        rows: Int, cols: Int, floor: Scalar,
        sumGradient: UnsafeMutablePointer<Scalar>, sumGradientNormalized: UnsafeMutablePointer<Scalar>
    ) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.batchNormGradientSums(dy, output: y, normalized: normalized, rows: rows, cols: cols,
                                                          floor: floor, sumGradient: sumGradient,
                                                          sumGradientNormalized: sumGradientNormalized)
        }
        seplaw_batchnorm_gradient_sums(dy.asFloats, y.asFloats, normalized.asFloats, rows, cols, Float(floor),
                                       sumGradient.asFloats, sumGradientNormalized.asFloats)
    }

    /// dy, y, x̂ (rows × cols) → dx (rows × cols) = (γ·inverseStd)·((dy·[y > floor] − meanGradient) − x̂·meanGradientNormalized)
    static func batchNormInputGradient<Scalar: NetworkScalar>(
        _ dy: UnsafePointer<Scalar>, output y: UnsafePointer<Scalar>, normalized: UnsafePointer<Scalar>,
        rows: Int, cols: Int, floor: Scalar, gamma: UnsafePointer<Scalar>, inverseStd: UnsafePointer<Scalar>,
        meanGradient: UnsafePointer<Scalar>, meanGradientNormalized: UnsafePointer<Scalar>,
        into dx: UnsafeMutablePointer<Scalar>
    ) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.batchNormInputGradient(dy, output: y, normalized: normalized, rows: rows, cols: cols,
                                                           floor: floor, gamma: gamma, inverseStd: inverseStd,
                                                           meanGradient: meanGradient,
                                                           meanGradientNormalized: meanGradientNormalized, into: dx)
        }
        seplaw_batchnorm_input_gradient(dy.asFloats, y.asFloats, normalized.asFloats, rows, cols, Float(floor), gamma.asFloats, inverseStd.asFloats,
                                        meanGradient.asFloats, meanGradientNormalized.asFloats, dx.asFloats)
    }

    /// p −= rate·(g + decay·p)
    static func sgdUpdate<Scalar: NetworkScalar>(_ p: UnsafeMutablePointer<Scalar>, gradient g: UnsafePointer<Scalar>,
                                                 count: Int, rate: Scalar, decay: Scalar) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.sgdUpdate(p, gradient: g, count: count, rate: rate, decay: decay)
        }
        seplaw_sgd_update(p.asFloats, g.asFloats, count, Float(rate), Float(decay))
    }

    /// v = momentum·v + (g + decay·p); p −= rate·v
    static func momentumUpdate<Scalar: NetworkScalar>(_ p: UnsafeMutablePointer<Scalar>, gradient g: UnsafePointer<Scalar>,
                                                      velocity v: UnsafeMutablePointer<Scalar>, count: Int,
                                                      rate: Scalar, decay: Scalar, momentum: Scalar) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.momentumUpdate(p, gradient: g, velocity: v, count: count, rate: rate, decay: decay,
                                                   momentum: momentum)
        }
        seplaw_momentum_update(p.asFloats, g.asFloats, v.asFloats, count, Float(rate), Float(decay), Float(momentum))
    }

    /// grad = g + decay·p; m = β1·m + (1 − β1)·grad; v = β2·v + (1 − β2)·grad·grad; p −= stepSize·m / (sqrt(v)/root2 + ε)
    static func adamUpdate<Scalar: NetworkScalar>(_ p: UnsafeMutablePointer<Scalar>, gradient g: UnsafePointer<Scalar>,
                                                  firstMoment m: UnsafeMutablePointer<Scalar>,
                                                  secondMoment v: UnsafeMutablePointer<Scalar>, count: Int,
                                                  _ c: AdamConstants<Scalar>) {
        guard Scalar.self == Float.self else {
            return ReferenceKernels.adamUpdate(p, gradient: g, firstMoment: m, secondMoment: v, count: count, c)
        }
        var constants = SeplawAdamConstants(beta1: Float(c.beta1), beta2: Float(c.beta2), epsilon: Float(c.epsilon),
                                            decay: Float(c.decay), stepSize: Float(c.stepSize), root2: Float(c.root2))
        seplaw_adam_update(p.asFloats, g.asFloats, m.asFloats, v.asFloats, count, &constants)
    }
}
