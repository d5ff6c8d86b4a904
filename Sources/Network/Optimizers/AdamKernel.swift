import CKernels

/// Adam's element-wise update with PyTorch's arithmetic: weight decay added to the gradient,
/// `p -= stepSize · m / (sqrt(v) / sqrt(correction2) + eps)`.
///
/// Float32 runs the C kernel (AVX2 where the CPU has it); other scalar types the generic loop in
/// ``referenceUpdate``. Both compute the same formula in the same order (tested bit for bit).
enum AdamKernel {
    struct Constants<Scalar: NetworkScalar> {
        let beta1: Scalar, beta2: Scalar, epsilon: Scalar, decay: Scalar, stepSize: Scalar, root2: Scalar
    }

    static func update<Scalar: NetworkScalar>(p: UnsafeMutablePointer<Scalar>, g: UnsafePointer<Scalar>,
                                              m: UnsafeMutablePointer<Scalar>, v: UnsafeMutablePointer<Scalar>,
                                              count: Int, _ c: Constants<Scalar>) {
        guard Scalar.self == Float.self else { return referenceUpdate(p: p, g: g, m: m, v: v, count: count, c) }
        var constants = SeplawAdamConstants(beta1: Float(c.beta1), beta2: Float(c.beta2), epsilon: Float(c.epsilon),
                                            decay: Float(c.decay), stepSize: Float(c.stepSize), root2: Float(c.root2))
        seplaw_adam_update(float(p), UnsafeRawPointer(g).assumingMemoryBound(to: Float.self), float(m), float(v), count,
                           &constants)
    }

    /// The generic loop: the reference the Float32 kernel must reproduce.
    static func referenceUpdate<Scalar: NetworkScalar>(p: UnsafeMutablePointer<Scalar>, g: UnsafePointer<Scalar>,
                                                       m: UnsafeMutablePointer<Scalar>, v: UnsafeMutablePointer<Scalar>,
                                                       count: Int, _ c: Constants<Scalar>) {
        for i in 0..<count {
            let grad = g[i] + c.decay * p[i]
            m[i] = c.beta1 * m[i] + (1 - c.beta1) * grad
            v[i] = c.beta2 * v[i] + (1 - c.beta2) * grad * grad
            p[i] -= c.stepSize * m[i] / (v[i].squareRoot() / c.root2 + c.epsilon)
        }
    }

    @inline(__always) private static func float<Scalar>(_ pointer: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Float.self)
    }
}
