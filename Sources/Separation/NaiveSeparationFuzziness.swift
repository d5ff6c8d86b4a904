import Linalg

/// An independent, deliberately naive Float64 reference for D = Tr(SS_w · SS_b⁺): forms SS_w and SS_b as
/// explicit p×p matrices and pseudo-inverts SS_b through the SVD of the p×p matrix. O(p³) time and O(p²)
/// memory: the yardstick the projected `SeparationFuzziness` is tested and benchmarked against.
public struct NaiveSeparationFuzziness: Sendable {
    /// The fuzziness.
    public let value: Double
    /// Singular values of the explicit SS_b, descending.
    public let betweenSpectrum: [Double]
    /// The absolute cutoff applied to them.
    public let cutoff: Double

    /// `relativeTolerance` is applied to SS_b's singular values relative to the largest, as numpy's
    /// `pinv(SS_b, rcond)`; nil uses max(p, K)·ε with K the classes present.
    public init(features x: Matrix<Double>, labels: [Int], classCount: Int, relativeTolerance: Double? = nil) throws {
        let n = x.rows, p = x.cols
        var counts = [Int](repeating: 0, count: classCount)
        var means = Matrix<Double>(rows: classCount, cols: p)
        for i in 0..<n {
            counts[labels[i]] += 1
            for j in 0..<p { means[labels[i], j] += x[i, j] }
        }
        var global = [Double](repeating: 0, count: p)
        for i in 0..<n { for j in 0..<p { global[j] += x[i, j] } }
        for j in 0..<p { global[j] /= Double(n) }
        for k in 0..<classCount where counts[k] > 0 {
            for j in 0..<p { means[k, j] /= Double(counts[k]) }
        }
        let present = counts.filter { $0 > 0 }.count

        // SS_w = (1/n) Xcᵀ Xc with Xc the class-centred features.
        var centred = x
        for i in 0..<n { for j in 0..<p { centred[i, j] -= means[labels[i], j] } }
        var within = BLAS.multiply(centred, .transpose, centred, .none)
        for e in within.storage.indices { within.storage[e] /= Double(n) }

        // SS_b = (1/n) Σ_k n_k (x̄_k − x̄)(x̄_k − x̄)ᵀ, accumulated entry by entry.
        var between = Matrix<Double>(rows: p, cols: p)
        for k in 0..<classCount where counts[k] > 0 {
            let weight = Double(counts[k]) / Double(n)
            let d = (0..<p).map { means[k, $0] - global[$0] }
            for a in 0..<p { for b in 0..<p { between[a, b] += weight * d[a] * d[b] } }
        }

        // pinv(SS_b) = V diag(1/s) Uᵀ over s_j > tol · s_max.
        let svd = try SingularValueDecomposition(between)
        let s = svd.singularValues
        let tolerance = relativeTolerance ?? Double(max(p, present)) * Double.ulpOfOne
        let cutoff = tolerance * s[0]
        var vScaled = svd.vt.transposed()   // p × p, columns v_j
        for a in 0..<p { for j in 0..<p { vScaled[a, j] = s[j] > cutoff ? vScaled[a, j] / s[j] : 0 } }
        let pinv = BLAS.multiply(vScaled, .none, svd.u, .transpose)

        // Tr(SS_w · pinv) = Σ_ab SS_w[a, b] · pinv[b, a].
        var trace = 0.0
        for a in 0..<p { for b in 0..<p { trace += within[a, b] * pinv[b, a] } }
        self.value = trace
        self.betweenSpectrum = s
        self.cutoff = cutoff
    }

    /// How far the spectrum sits from the cutoff: (smallest kept / cutoff, largest dropped / cutoff).
    public var cutoffMargins: (kept: Double, dropped: Double) {
        let kept = betweenSpectrum.filter { $0 > cutoff }.min() ?? .infinity
        let dropped = betweenSpectrum.filter { $0 <= cutoff }.max() ?? 0
        return (kept / cutoff, dropped / cutoff)
    }
}
