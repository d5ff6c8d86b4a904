import CKernels

/// BatchNorm2d's per-plane reductions (and a convolution's bias gradient), several planes at a time. In Float32 they
/// are the C kernels of `PlaneSums.c`: sixteen running sums per plane in one fixed order. In Float64 (the gradient
/// checks) each plane's sum is one running total in index order, the planes' independent chains side by side so
/// that the additions pipeline instead of each waiting four cycles for the last.
enum PlaneSums {
    /// out[p] = Σ_k plane_p[k] for the `planes` planes of `count` values at base + p·stride.
    static func sums<Scalar: NetworkScalar>(_ base: UnsafePointer<Scalar>, stride: Int, planes: Int, count: Int,
                                            into out: UnsafeMutablePointer<Scalar>) {
        if Scalar.self == Float.self { return seplaw_plane_sums(base.asFloats, planes, stride, count, out.asFloats) }
        for p in 0..<planes { out[p] = SpatialGeometry.sum(base + p * stride, count: count) }
    }

    /// out[p] = Σ_k (plane_p[k] − mean)², k from 0 in order, for the `planes` planes of `count` values at
    /// base + p·stride.
    static func squaredDeviations<Scalar: NetworkScalar>(_ base: UnsafePointer<Scalar>, stride: Int, planes: Int,
                                                         count: Int, mean m: Scalar, into out: UnsafeMutablePointer<Scalar>) {
        if Scalar.self == Float.self {
            return seplaw_plane_squared_deviations(base.asFloats, planes, stride, count, Float(m), out.asFloats)
        }
        var p = 0
        while p + 4 <= planes {
            let x0 = base + p * stride, x1 = x0 + stride, x2 = x1 + stride, x3 = x2 + stride
            var s0: Scalar = 0, s1: Scalar = 0, s2: Scalar = 0, s3: Scalar = 0
            for k in 0..<count {
                let d0 = x0[k] - m, d1 = x1[k] - m, d2 = x2[k] - m, d3 = x3[k] - m
                s0 += d0 * d0
                s1 += d1 * d1
                s2 += d2 * d2
                s3 += d3 * d3
            }
            out[p] = s0; out[p + 1] = s1; out[p + 2] = s2; out[p + 3] = s3
            p += 4
        }
        while p < planes {
            let x = base + p * stride
            var s: Scalar = 0
            for k in 0..<count {
                let d = x[k] - m
                s += d * d
            }
            out[p] = s
            p += 1
        }
    }

    /// With g = Gate.pass(dy, y) and x̂ = (x − mean)·inverseStd (recomputed exactly as forward computed it):
    /// gradient[p] = Σ_k g and normalized[p] = Σ_k g·x̂, k from 0 in order, for the planes at offsets p·stride of dy, y
    /// and x. An open gate does not read y.
    static func gradientSums<Scalar: NetworkScalar, Gate: OutputGate>(dy: UnsafePointer<Scalar>, y: UnsafePointer<Scalar>,
                                                                      gate _: Gate.Type,
                                                    x: UnsafePointer<Scalar>, mean m: Scalar, inverseStd inv: Scalar,
                                                    stride: Int, planes: Int, count: Int,
                                                    gradient: UnsafeMutablePointer<Scalar>,
                                                    normalizedGradient: UnsafeMutablePointer<Scalar>) {
        if Scalar.self == Float.self {
            return seplaw_plane_gradient_sums(dy.asFloats, y.asFloats, x.asFloats, Gate.kernelCode, planes, stride, count,
                                              Float(m), Float(inv), gradient.asFloats, normalizedGradient.asFloats)
        }
        @inline(__always) func masked(_ o: Int) -> Scalar { Gate.gradient(dy, output: y, at: o) }
        @inline(__always) func normalized(_ o: Int) -> Scalar { (x[o] - m) * inv }
        var p = 0
        while p + 4 <= planes {
            let o0 = p * stride, o1 = o0 + stride, o2 = o1 + stride, o3 = o2 + stride
            var g0: Scalar = 0, g1: Scalar = 0, g2: Scalar = 0, g3: Scalar = 0
            var n0: Scalar = 0, n1: Scalar = 0, n2: Scalar = 0, n3: Scalar = 0
            for k in 0..<count {
                let a0 = masked(o0 + k), a1 = masked(o1 + k), a2 = masked(o2 + k), a3 = masked(o3 + k)
                g0 += a0; n0 += a0 * normalized(o0 + k)
                g1 += a1; n1 += a1 * normalized(o1 + k)
                g2 += a2; n2 += a2 * normalized(o2 + k)
                g3 += a3; n3 += a3 * normalized(o3 + k)
            }
            gradient[p] = g0; gradient[p + 1] = g1; gradient[p + 2] = g2; gradient[p + 3] = g3
            normalizedGradient[p] = n0; normalizedGradient[p + 1] = n1
            normalizedGradient[p + 2] = n2; normalizedGradient[p + 3] = n3
            p += 4
        }
        while p < planes {
            let o = p * stride
            var g: Scalar = 0, n: Scalar = 0
            for k in 0..<count {
                let a = masked(o + k)
                g += a
                n += a * normalized(o + k)
            }
            gradient[p] = g
            normalizedGradient[p] = n
            p += 1
        }
    }
}
