import Linalg

/// Neural-collapse measures of one layer's features (Papyan, Han & Donoho 2020), in Float64.
///
/// - `nc1 = Tr(Σ_W Σ_B⁺) / K` with `Σ_W = (1/n) Σ_i (x_i − x̄_{k(i)})(x_i − x̄_{k(i)})ᵀ` and the
///   *unweighted* `Σ_B = (1/K) Σ_k (x̄_k − x̄)(x̄_k − x̄)ᵀ` (x̄ the mean of all points, K the classes
///   present). With balanced classes `Σ_B = SS_b`, so `D = K · NC1`.
/// - Nearest-class-centre accuracy: the fraction of points whose closest class mean (Euclidean,
///   ties to the lower class) is their own class's.
///
/// `Σ_B⁺` is applied by projection onto the left singular vectors of the p×K matrix of scaled centred
/// means, as in `SeparationFuzziness`: no p×p matrix is formed.
public enum NeuralCollapse {
    /// NC1 of `features` (n × p) with `labels`.
    public static func nc1(_ features: Matrix<Float>, labels: [Int], classCount: Int) throws(SeparationError) -> Double {
        let means = try ClassMeans(features, labels: labels, classCount: classCount)
        return try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> Double in
            try nc1(buffer, labels: labels, means: means)
        }
    }

    /// NC1 of Float64 features.
    public static func nc1(_ features: Matrix<Double>, labels: [Int], classCount: Int) throws(SeparationError) -> Double {
        let means = try ClassMeans(features, labels: labels, classCount: classCount)
        return try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> Double in
            try nc1(buffer, labels: labels, means: means)
        }
    }

    /// Nearest-class-centre accuracy of `features` (n × p) with `labels`.
    public static func nearestClassCentreAccuracy(_ features: Matrix<Float>, labels: [Int],
                                                  classCount: Int) throws(SeparationError) -> Double {
        let means = try ClassMeans(features, labels: labels, classCount: classCount)
        return features.storage.withUnsafeBufferPointer { nearestCentre($0, labels: labels, means: means) }
    }

    /// Nearest-class-centre accuracy of Float64 features.
    public static func nearestClassCentreAccuracy(_ features: Matrix<Double>, labels: [Int],
                                                  classCount: Int) throws(SeparationError) -> Double {
        let means = try ClassMeans(features, labels: labels, classCount: classCount)
        return features.storage.withUnsafeBufferPointer { nearestCentre($0, labels: labels, means: means) }
    }

    /// Projected NC1 given the class means already computed from the same features.
    static func nc1<Scalar: FeatureScalar>(_ features: UnsafeBufferPointer<Scalar>, labels: [Int],
                                           means: ClassMeans) throws(SeparationError) -> Double {
        let p = means.dimension, n = labels.count, present = means.present
        let k = present.count
        var b = Matrix<Double>(rows: p, cols: k)
        let weight = 1 / Double(k).squareRoot()
        for (r, c) in present.enumerated() {
            for j in 0..<p { b[j, r] = weight * (means.means[c, j] - means.globalMean[j]) }
        }
        let basis = try BetweenClassProjector(
            between: b, relativeTolerance: SeparationFuzziness.defaultRelativeTolerance(dimension: p, presentClasses: k))
        let rank = basis.rank, projector = basis.rows
        var centred = [Double](repeating: 0, count: p)
        var sum = 0.0
        let base = features.baseAddress!
        means.means.storage.withUnsafeBufferPointer { classMeans in
            for i in 0..<n {
                Scalar.centre(base + i * p, mean: classMeans.baseAddress! + labels[i] * p, into: &centred, count: p)
                for r in 0..<rank {
                    var dot = 0.0
                    for j in 0..<p { dot += centred[j] * projector[r * p + j] }
                    sum += dot * dot
                }
            }
        }
        return sum / Double(n) / Double(k)
    }

    /// Nearest-class-centre accuracy given the class means of the same features.
    static func nearestCentre<Scalar: FeatureScalar>(_ features: UnsafeBufferPointer<Scalar>, labels: [Int],
                                                     means: ClassMeans) -> Double {
        let p = means.dimension, n = labels.count
        // ‖x − μ_k‖² = ‖x‖² − 2 x·μ_k + ‖μ_k‖²: compare ‖μ_k‖² − 2 x·μ_k.
        let norms = means.present.map { k in (0..<p).reduce(0.0) { $0 + means.means[k, $1] * means.means[k, $1] } }
        var correct = 0
        var row = [Double](repeating: 0, count: p)
        let base = features.baseAddress!
        for i in 0..<n {
            for j in 0..<p { row[j] = Double(base[i * p + j]) }
            var best = -1, bestScore = Double.infinity
            for (r, k) in means.present.enumerated() {
                var dot = 0.0
                for j in 0..<p { dot += row[j] * means.means[k, j] }
                let score = norms[r] - 2 * dot
                if score < bestScore {
                    bestScore = score
                    best = k
                }
            }
            if best == labels[i] { correct += 1 }
        }
        return Double(correct) / Double(n)
    }
}
