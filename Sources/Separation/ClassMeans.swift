import Linalg

/// Class sizes, class means and the global mean of one layer's features, in Float64.
public struct ClassMeans: Sendable, Equatable {
    /// n_k for k = 0..<classCount.
    public let counts: [Int]
    /// classCount × p; rows of classes without points are zero.
    public let means: Matrix<Double>
    /// The mean of all n points (equal to Σ_k (n_k/n) x̄_k).
    public let globalMean: [Double]
    /// Classes with at least one point, ascending.
    public let present: [Int]

    /// The means of `features` (n × p) grouped by `labels`; validates like `SeparationFuzziness`.
    public init(_ features: Matrix<Float>, labels: [Int], classCount: Int) throws(SeparationError) {
        self = try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> ClassMeans in
            try ClassMeans(buffer, count: features.rows, dimension: features.cols, labels: labels, classCount: classCount)
        }
    }

    /// The same over Float64 features.
    public init(_ features: Matrix<Double>, labels: [Int], classCount: Int) throws(SeparationError) {
        self = try features.storage.withUnsafeBufferPointer { (buffer) throws(SeparationError) -> ClassMeans in
            try ClassMeans(buffer, count: features.rows, dimension: features.cols, labels: labels, classCount: classCount)
        }
    }

    init<Scalar: FeatureScalar>(_ features: UnsafeBufferPointer<Scalar>, count n: Int, dimension p: Int,
                                labels: [Int], classCount: Int) throws(SeparationError) {
        try SeparationFuzziness.validateInput(featureCount: features.count, count: n, dimension: p,
                                              labels: labels, classCount: classCount)
        let base = features.baseAddress!
        var counts = [Int](repeating: 0, count: classCount)
        var sums = [Double](repeating: 0, count: classCount * p)
        sums.withUnsafeMutableBufferPointer { sums in
            for i in 0..<n {
                counts[labels[i]] += 1
                Scalar.accumulate(base + i * p, into: sums.baseAddress! + labels[i] * p, count: p)
            }
        }
        if !sums.allSatisfy(\.isFinite) {
            let index = features.firstIndex(where: { !$0.isFinite }) ?? 0
            throw .nonFiniteFeature(row: index / p, column: index % p, value: Double(features[index]))
        }
        let present = (0..<classCount).filter { counts[$0] > 0 }
        guard present.count >= 2 else { throw .tooFewClassesPresent(present.count) }
        var global = [Double](repeating: 0, count: p)
        for k in present {
            for j in 0..<p { global[j] += sums[k * p + j] }
        }
        for j in 0..<p { global[j] /= Double(n) }
        for k in present {
            for j in 0..<p { sums[k * p + j] /= Double(counts[k]) }
        }
        self.counts = counts
        self.means = Matrix(rows: classCount, cols: p, storage: sums)
        self.globalMean = global
        self.present = present
    }

    /// Feature dimension p.
    public var dimension: Int { means.cols }

    /// x̄_k − x̄ for class `k`.
    public func centredMean(_ k: Int) -> [Double] {
        (0..<dimension).map { means[k, $0] - globalMean[$0] }
    }
}
