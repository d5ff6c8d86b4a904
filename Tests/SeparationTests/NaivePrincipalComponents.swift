import Linalg

/// A deliberately naive Float64 PCA reference: the explicit p×p covariance of the centred features,
/// decomposed by the SVD (`dgesdd`, for a symmetric PSD matrix its eigendecomposition), scores by loops.
struct NaivePrincipalComponents {
    /// n × q scores `Xc · w_j`.
    let scores: Matrix<Double>
    /// All p covariance eigenvalues (1/n), descending.
    let variances: [Double]

    init(_ x: Matrix<Double>, components q: Int) throws {
        let n = x.rows, p = x.cols
        var centred = x
        for j in 0..<p {
            var mean = 0.0
            for i in 0..<n { mean += x[i, j] }
            mean /= Double(n)
            for i in 0..<n { centred[i, j] -= mean }
        }
        var covariance = Matrix<Double>(rows: p, cols: p)
        for a in 0..<p {
            for b in 0..<p {
                var sum = 0.0
                for i in 0..<n { sum += centred[i, a] * centred[i, b] }
                covariance[a, b] = sum / Double(n)
            }
        }
        let svd = try SingularValueDecomposition(covariance)
        var scores = Matrix<Double>(rows: n, cols: q)
        for i in 0..<n {
            for j in 0..<q {
                var dot = 0.0
                for a in 0..<p { dot += centred[i, a] * svd.u[a, j] }
                scores[i, j] = dot
            }
        }
        self.scores = scores
        self.variances = svd.singularValues
    }
}
