import Linalg

/// The top principal-component scores of n points in p dimensions (rows of an n × p matrix), in Float64:
/// how the authors reduce ResNet features above 100 dimensions to 100 before measuring D.
///
/// The features are centred on their column means and never widened whole or squared into a p×p matrix
/// when p ≥ n: the n×n Gram matrix `Xc Xcᵀ` is accumulated tile by tile (`dsyrk`, Float64), its largest
/// eigenpairs `(λ_j, v_j)` come from `dsyevr`, and the scores are `v_j · sqrt(λ_j)` (= `Xc w_j` for the
/// principal axis `w_j`). When p < n the p×p covariance `Xcᵀ Xc` is the smaller matrix and is used instead,
/// with scores `Xc w_j`. Cost O(n·p·min(n, p) + min(n, p)³); at n = 1000 it is linear in p.
///
/// **How many components.** A component is available when its eigenvalue exceeds `tolerance · λ_max`
/// (default `max(n, p) · ε`, below which the Gram matrix is rounding noise) and the rounding floor of
/// centring `(max(n, p) · ε)² · ‖X‖²_F` (so identical points give none); there are at most min(n − 1, p).
/// Asking for `q` components returns min(q, available): all of them when q is at least the rank of the
/// centred features, in which case the scores are the centred features in an orthonormal basis of their
/// span, and D (or any rotation-invariant measure) is unchanged.
///
/// **Signs.** Each score column is oriented so that its entry of largest magnitude is positive.
public struct PrincipalComponents: Sendable {
    /// n × q scores: column j holds the points' coordinates along the j-th principal axis.
    public let scores: Matrix<Double>
    /// The variance of each kept component (eigenvalue / n, the 1/n of SS_w), descending.
    public let variances: [Double]
    /// The total variance of the features (trace of the 1/n covariance), for explained fractions.
    public let totalVariance: Double

    /// The number of components kept.
    public var count: Int { scores.cols }

    /// How many centred feature columns are widened to Float64 at a time for the Gram matrix of n points:
    /// about 8 MiB of tile (1048 columns at n = 1000), at least 64.
    static func tileColumns(count n: Int) -> Int {
        max(64, (1 << 20) / max(n, 1))
    }

    /// The top `components` principal-component scores of `features` (n × p, one row per point).
    /// `relativeTolerance` overrides the availability cutoff on eigenvalues relative to the largest.
    public init(_ features: Matrix<Float>, components: Int, relativeTolerance: Double? = nil) throws(SeparationError) {
        self = try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> PrincipalComponents in
            try PrincipalComponents(buffer, count: features.rows, dimension: features.cols,
                                    components: components, relativeTolerance: relativeTolerance)
        }
    }

    /// The same over Float64 features.
    public init(_ features: Matrix<Double>, components: Int, relativeTolerance: Double? = nil) throws(SeparationError) {
        self = try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> PrincipalComponents in
            try PrincipalComponents(buffer, count: features.rows, dimension: features.cols,
                                    components: components, relativeTolerance: relativeTolerance)
        }
    }

    /// The default availability cutoff for n points in p dimensions.
    public static func defaultRelativeTolerance(count n: Int, dimension p: Int) -> Double {
        Double(max(n, p)) * Double.ulpOfOne
    }

    /// The eigenvalue below which a component is rounding left by centring, whatever the tolerance:
    /// `(max(n, p) · ε)² · ‖X‖²_F` (identical points centre to ±ε·|x| rather than to 0).
    static func roundingFloor(count n: Int, dimension p: Int, squaredNorm: Double) -> Double {
        let scale = Double(max(n, p)) * Double.ulpOfOne
        return scale * scale * squaredNorm
    }

    /// The reduction over a row-major buffer; `tileColumns` overrides the Gram tile width (tests shrink it).
    init<Scalar: FeatureScalar>(_ features: UnsafeBufferPointer<Scalar>, count n: Int, dimension p: Int,
                                components q: Int, relativeTolerance: Double?, tileColumns: Int? = nil) throws(SeparationError) {
        guard n > 0, p > 0 else { throw .emptyInput(count: n, dimension: p) }
        let (expected, overflow) = n.multipliedReportingOverflow(by: p)
        guard !overflow, features.count == expected else {
            throw .featureCountMismatch(count: n, dimension: p, found: features.count)
        }
        guard q >= 1 else { throw .invalidComponentCount(q) }
        if let tolerance = relativeTolerance, !(tolerance.isFinite && tolerance >= 0 && tolerance < 1) {
            throw .invalidTolerance(tolerance)
        }
        let tolerance = relativeTolerance ?? Self.defaultRelativeTolerance(count: n, dimension: p)
        let base = features.baseAddress!

        // Column means (Float64); a non-finite feature makes its column's sum non-finite.
        var mean = [Double](repeating: 0, count: p)
        mean.withUnsafeMutableBufferPointer { sums in
            for i in 0..<n { Scalar.accumulate(base + i * p, into: sums.baseAddress!, count: p) }
        }
        if !mean.allSatisfy(\.isFinite) {
            let index = features.firstIndex(where: { !$0.isFinite }) ?? 0
            throw .nonFiniteFeature(row: index / p, column: index % p, value: Double(features[index]))
        }
        for j in 0..<p { mean[j] /= Double(n) }

        // p ≥ n: the n×n Gram matrix; p < n: the p×p covariance, from the whole centred matrix (kept for the scores).
        let gram = p >= n
        let order = gram ? n : p
        var centred: [Double] = []
        var scatter = [Double](repeating: 0, count: order * order)
        if gram {
            Self.accumulateGram(base, count: n, dimension: p, mean: mean,
                                tileColumns: max(1, tileColumns ?? Self.tileColumns(count: n)), into: &scatter)
        } else {
            centred = [Double](repeating: 0, count: n * p)
            Self.centre(base, count: n, dimension: p, mean: mean, columns: 0..<p, into: &centred)
            centred.withUnsafeBufferPointer { a in
                scatter.withUnsafeMutableBufferPointer { c in
                    BLAS.syrk(.transpose, n: p, k: n, a: a.baseAddress!, lda: p, c: c.baseAddress!, ldc: p)
                }
            }
        }
        var trace = 0.0
        for d in 0..<order { trace += scatter[d * order + d] }
        guard trace.isFinite, scatter.allSatisfy(\.isFinite) else {
            throw .linearAlgebraFailed("the scatter matrix of the centred features overflows Float64")
        }

        let eigen: SymmetricEigendecomposition
        do {
            eigen = try SymmetricEigendecomposition(Matrix(rows: order, cols: order, storage: scatter),
                                                    largest: min(q, order))
        } catch {
            throw .linearAlgebraFailed(error.description)
        }
        scatter = []
        // ‖X‖²_F = ‖Xc‖²_F + n‖x̄‖²: the scale of the rounding left by centring.
        let squaredNorm = trace + Double(n) * mean.reduce(0) { $0 + $1 * $1 }
        let floor = Self.roundingFloor(count: n, dimension: p, squaredNorm: squaredNorm)
        let cutoff = max(tolerance * (eigen.eigenvalues.first ?? 0), floor)
        let kept = eigen.eigenvalues.prefix(while: { $0 > cutoff }).count

        var scores = Matrix<Double>(rows: n, cols: kept)
        if gram {
            // Xc = Σ_j sqrt(λ_j) v_j w_jᵀ, so Xc w_j = sqrt(λ_j) v_j.
            for j in 0..<kept {
                let scale = eigen.eigenvalues[j].squareRoot()
                for i in 0..<n { scores.storage[i * kept + j] = eigen.eigenvectors[i, j] * scale }
            }
        } else if kept > 0 {
            var axes = Matrix<Double>(rows: p, cols: kept)
            for a in 0..<p { for j in 0..<kept { axes.storage[a * kept + j] = eigen.eigenvectors[a, j] } }
            scores = BLAS.multiply(Matrix(rows: n, cols: p, storage: centred), .none, axes, .none)
        }
        Self.orient(&scores)
        self.scores = scores
        self.variances = eigen.eigenvalues.prefix(kept).map { $0 / Double(n) }
        self.totalVariance = trace / Double(n)
    }

    /// The upper triangle of the Gram matrix `Xc Xcᵀ` (n × n), accumulated over tiles of `tileColumns`
    /// centred Float64 columns, so that only one n × tile block is widened at a time.
    private static func accumulateGram<Scalar: FeatureScalar>(_ base: UnsafePointer<Scalar>, count n: Int, dimension p: Int,
                                                              mean: [Double], tileColumns: Int, into gram: inout [Double]) {
        let width = min(p, tileColumns)
        var tile = [Double](repeating: 0, count: n * width)
        var column = 0
        while column < p {
            let w = min(width, p - column)
            centre(base, count: n, dimension: p, mean: mean, columns: column..<(column + w), into: &tile)
            tile.withUnsafeBufferPointer { a in
                gram.withUnsafeMutableBufferPointer { c in
                    BLAS.syrk(.none, n: n, k: w, a: a.baseAddress!, lda: w,
                              beta: column == 0 ? 0 : 1, c: c.baseAddress!, ldc: n)
                }
            }
            column += w
        }
    }

    /// Writes the centred `columns` of every point into `out` (n × columns.count, row-major).
    private static func centre<Scalar: FeatureScalar>(_ base: UnsafePointer<Scalar>, count n: Int, dimension p: Int,
                                                      mean: [Double], columns: Range<Int>, into out: inout [Double]) {
        let w = columns.count
        mean.withUnsafeBufferPointer { mean in
            out.withUnsafeMutableBufferPointer { out in
                for i in 0..<n {
                    Scalar.centre(base + i * p + columns.lowerBound, mean: mean.baseAddress! + columns.lowerBound,
                                  into: out.baseAddress! + i * w, count: w)
                }
            }
        }
    }

    /// Flips each column so that its entry of largest magnitude (the first, on ties) is positive.
    private static func orient(_ scores: inout Matrix<Double>) {
        let n = scores.rows, q = scores.cols
        for j in 0..<q {
            var pivot = 0.0
            for i in 0..<n where abs(scores.storage[i * q + j]) > abs(pivot) { pivot = scores.storage[i * q + j] }
            if pivot < 0 {
                for i in 0..<n { scores.storage[i * q + j] = -scores.storage[i * q + j] }
            }
        }
    }
}
