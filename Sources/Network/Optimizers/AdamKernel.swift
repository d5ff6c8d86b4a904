/// Adam's element-wise update with PyTorch's arithmetic: weight decay added to the gradient,
/// `p -= stepSize · m / (sqrt(v) / sqrt(correction2) + eps)`.
///
/// Float32 runs eight lanes at a time through `SIMD8<Float>` (the generic loop does not vectorise);
/// other scalar types take the plain loop. Both compute the same formula in the same order.
enum AdamKernel {
    struct Constants<Scalar: NetworkScalar> {
        let beta1: Scalar, beta2: Scalar, epsilon: Scalar, decay: Scalar, stepSize: Scalar, root2: Scalar
    }

    static func update<Scalar: NetworkScalar>(p: UnsafeMutablePointer<Scalar>, g: UnsafePointer<Scalar>,
                                              m: UnsafeMutablePointer<Scalar>, v: UnsafeMutablePointer<Scalar>,
                                              count: Int, _ c: Constants<Scalar>) {
        var start = 0
        if Scalar.self == Float.self {
            start = vectorized(p: UnsafeMutableRawPointer(p), g: UnsafeRawPointer(g), m: UnsafeMutableRawPointer(m),
                               v: UnsafeMutableRawPointer(v), count: count,
                               Constants<Float>(beta1: Float(c.beta1), beta2: Float(c.beta2), epsilon: Float(c.epsilon),
                                                decay: Float(c.decay), stepSize: Float(c.stepSize), root2: Float(c.root2)))
        }
        for i in start..<count {
            let grad = g[i] + c.decay * p[i]
            m[i] = c.beta1 * m[i] + (1 - c.beta1) * grad
            v[i] = c.beta2 * v[i] + (1 - c.beta2) * grad * grad
            p[i] -= c.stepSize * m[i] / (v[i].squareRoot() / c.root2 + c.epsilon)
        }
    }

    /// Updates the leading multiple of eight elements; returns how many it did.
    private static func vectorized(p: UnsafeMutableRawPointer, g: UnsafeRawPointer, m: UnsafeMutableRawPointer,
                                   v: UnsafeMutableRawPointer, count: Int, _ c: Constants<Float>) -> Int {
        let lanes = count / 8
        let pv = p.assumingMemoryBound(to: Float.self), gv = g.assumingMemoryBound(to: Float.self)
        let mv = m.assumingMemoryBound(to: Float.self), vv = v.assumingMemoryBound(to: Float.self)
        let b1 = SIMD8<Float>(repeating: c.beta1), b2 = SIMD8<Float>(repeating: c.beta2)
        let oneMinusB1 = SIMD8<Float>(repeating: 1 - c.beta1), oneMinusB2 = SIMD8<Float>(repeating: 1 - c.beta2)
        let decay = SIMD8<Float>(repeating: c.decay), step = SIMD8<Float>(repeating: c.stepSize)
        let root2 = SIMD8<Float>(repeating: c.root2), eps = SIMD8<Float>(repeating: c.epsilon)
        for lane in 0..<lanes {
            let offset = lane * 8
            let pi = load(pv + offset), gi = load(gv + offset)
            let grad = gi + decay * pi
            let mi = b1 * load(mv + offset) + oneMinusB1 * grad
            let vi = b2 * load(vv + offset) + oneMinusB2 * grad * grad
            store(mi, mv + offset)
            store(vi, vv + offset)
            store(pi - step * mi / (vi.squareRoot() / root2 + eps), pv + offset)
        }
        return lanes * 8
    }

    @inline(__always) private static func load(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private static func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
