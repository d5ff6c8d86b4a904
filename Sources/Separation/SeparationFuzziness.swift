import Linalg

/// Separation fuzziness `D = Tr(SS_w · SS_b⁺)` of one layer's features (He & Su 2023).
///
/// Computed by the projected method: with `B` the p×K matrix of columns `sqrt(n_k/n)(x̄_k − x̄)`
/// and its thin SVD `B = U Σ Vᵀ`, `SS_b⁺ = U Σ⁻² Uᵀ` and
/// `D = Σ_j σ_j⁻² (1/n) Σ_i ((x_i − x̄_{k(i)}) · u_j)²`. No p×p matrix is ever formed; the
/// class-centred features are projected tile by tile, so memory is O(tile + p·K).
///
/// **Pseudo-inverse cutoff.** Direction `j` is kept when its SS_b eigenvalue `σ_j²` exceeds
/// `tolerance · σ_max²`; the default tolerance is `max(p, K) · ε` (ε = 2.2e-16): MATLAB's and
/// `torch.linalg.pinv`'s default for the p×p SS_b (`max(size) · ε` relative to its largest eigenvalue).
/// It sits above the rounding noise (≈ ε · σ_max²) of an explicitly formed SS_b, so a naive p×p
/// pinv with the same rule agrees; numpy's default `rcond = 1e-15` does not (it can keep a noise
/// eigenvalue of the formed SS_b). Classes without points are dropped (K counts the classes
/// present). All arithmetic is Float64.
public enum SeparationFuzziness {
    /// How the centred Float64 features are tiled for the projection: `rows × columns` at a time.
    struct Blocking {
        var rows: Int
        var columns: Int

        /// 64 × 1024 tiles (512 KiB of Float64), which fit in a core's L2 cache.
        static let standard = Blocking(rows: 64, columns: 1024)
    }

    /// D = Tr(SS_w · SS_b⁺) by the projected method, in Float64. `features` is n × p row-major Float32
    /// (pointer + counts so that callers can pass preallocated network buffers without copying).
    /// `relativeTolerance` overrides the cutoff on SS_b's eigenvalues relative to the largest.
    public static func compute(features: UnsafeBufferPointer<Float>, count n: Int, dimension p: Int,
                               labels: [Int], classCount: Int,
                               relativeTolerance: Double? = nil) throws(SeparationError) -> Double {
        try fuzziness(features, count: n, dimension: p, labels: labels, classCount: classCount,
                      relativeTolerance: relativeTolerance, blocking: .standard)
    }

    /// The same measure over an n × p row-major Float64 buffer.
    public static func compute(features: UnsafeBufferPointer<Double>, count n: Int, dimension p: Int,
                               labels: [Int], classCount: Int,
                               relativeTolerance: Double? = nil) throws(SeparationError) -> Double {
        try fuzziness(features, count: n, dimension: p, labels: labels, classCount: classCount,
                      relativeTolerance: relativeTolerance, blocking: .standard)
    }

    /// Convenience over an n × p Float32 matrix (one row per point).
    public static func compute(_ features: Matrix<Float>, labels: [Int], classCount: Int,
                               relativeTolerance: Double? = nil) throws(SeparationError) -> Double {
        try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> Double in
            try compute(features: buffer, count: features.rows, dimension: features.cols,
                        labels: labels, classCount: classCount, relativeTolerance: relativeTolerance)
        }
    }

    /// Convenience over an n × p Float64 matrix (one row per point).
    public static func compute(_ features: Matrix<Double>, labels: [Int], classCount: Int,
                               relativeTolerance: Double? = nil) throws(SeparationError) -> Double {
        try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> Double in
            try compute(features: buffer, count: features.rows, dimension: features.cols,
                        labels: labels, classCount: classCount, relativeTolerance: relativeTolerance)
        }
    }

    /// The default pseudo-inverse cutoff for `p` features and `presentClasses` classes.
    public static func defaultRelativeTolerance(dimension p: Int, presentClasses: Int) -> Double {
        Double(max(p, presentClasses)) * Double.ulpOfOne
    }

    /// The projected method; `blocking` sets the tile of centred features projected at once (tests shrink it).
    static func fuzziness<Scalar: FeatureScalar>(
        _ features: UnsafeBufferPointer<Scalar>, count n: Int, dimension p: Int,
        labels: [Int], classCount: Int, relativeTolerance: Double?, blocking: Blocking
    ) throws(SeparationError) -> Double {
        try validate(featureCount: features.count, count: n, dimension: p, labels: labels,
                     classCount: classCount, relativeTolerance: relativeTolerance)
        let base = features.baseAddress!

        // Class sizes, class means and the global mean (Float64).
        let means = try ClassMeans(features, count: n, dimension: p, labels: labels, classCount: classCount)
        let counts = means.counts, present = means.present, globalMean = means.globalMean
        let classMeans = means.means.storage

        // B (p × K): column r is sqrt(n_k/n)(x̄_k − x̄) for the r-th present class k.
        let presentCount = present.count
        var b = Matrix<Double>(rows: p, cols: presentCount)
        for (r, k) in present.enumerated() {
            let weight = (Double(counts[k]) / Double(n)).squareRoot()
            for j in 0..<p { b.storage[j * presentCount + r] = weight * (classMeans[k * p + j] - globalMean[j]) }
        }
        let tolerance = relativeTolerance ?? defaultRelativeTolerance(dimension: p, presentClasses: presentCount)
        let basis = try BetweenClassProjector(between: b, relativeTolerance: tolerance)
        let rank = basis.rank, projector = basis.rows

        // Tiles of rows × columns of centred features stay in cache while GEMM reads them;
        // each row block accumulates its projection over column tiles (beta = 1 after the first).
        let blockRows = max(1, min(n, blocking.rows))
        let tileColumns = max(1, min(p, blocking.columns))
        var tile = [Double](repeating: 0, count: blockRows * tileColumns)
        var projected = [Double](repeating: 0, count: blockRows * rank)
        var sumOfSquares = 0.0
        classMeans.withUnsafeBufferPointer { means in
            projector.withUnsafeBufferPointer { proj in
                tile.withUnsafeMutableBufferPointer { tile in
                    projected.withUnsafeMutableBufferPointer { out in
                        var start = 0
                        while start < n {
                            let rows = min(blockRows, n - start)
                            var column = 0
                            while column < p {
                                let width = min(tileColumns, p - column)
                                for local in 0..<rows {
                                    let i = start + local
                                    Scalar.centre(base + i * p + column, mean: means.baseAddress! + labels[i] * p + column,
                                                  into: tile.baseAddress! + local * width, count: width)
                                }
                                BLAS.gemm(.none, .transpose, m: rows, n: rank, k: width,
                                          a: tile.baseAddress!, lda: width, b: proj.baseAddress! + column, ldb: p,
                                          beta: column == 0 ? 0 : 1, c: out.baseAddress!, ldc: rank)
                                column += width
                            }
                            for e in 0..<(rows * rank) { sumOfSquares += out[e] * out[e] }
                            start += rows
                        }
                    }
                }
            }
        }
        return sumOfSquares / Double(n)
    }

    private static func validate(featureCount: Int, count n: Int, dimension p: Int, labels: [Int],
                                 classCount: Int, relativeTolerance: Double?) throws(SeparationError) {
        try validateInput(featureCount: featureCount, count: n, dimension: p, labels: labels, classCount: classCount)
        if let tolerance = relativeTolerance, !(tolerance.isFinite && tolerance >= 0 && tolerance < 1) {
            throw .invalidTolerance(tolerance)
        }
    }

    /// The checks every per-layer measure makes of its input: shape (overflow-safe), labels, class count.
    static func validateInput(featureCount: Int, count n: Int, dimension p: Int, labels: [Int],
                              classCount: Int) throws(SeparationError) {
        guard n > 0, p > 0 else { throw .emptyInput(count: n, dimension: p) }
        let (expected, overflow) = n.multipliedReportingOverflow(by: p)
        guard !overflow, featureCount == expected else {
            throw .featureCountMismatch(count: n, dimension: p, found: featureCount)
        }
        guard labels.count == n else { throw .labelCountMismatch(expected: n, found: labels.count) }
        guard classCount >= 2 else { throw .invalidClassCount(classCount) }
        if let index = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw .labelOutOfRange(index: index, label: labels[index], classCount: classCount)
        }
    }
}
