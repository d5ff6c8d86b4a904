import Linalg

/// Minority collapse (Fang, He, Long & Su 2021): with imbalanced classes the minority classes'
/// classifier vectors, and their feature means, draw together. Measured as the mean pairwise cosine
/// over the minority classes of (a) the centred class means `x̄_k − x̄` of the last hidden layer's
/// features and (b) the classifier rows `w_k` (the last linear layer's weights, uncentred).
/// A cosine near 1 means collapsed; the simplex ETF of K classes has −1/(K−1).
public struct MinorityCollapse: Sendable, Codable, Equatable {
    /// The minority classes measured, ascending.
    public let classes: [Int]
    /// Mean pairwise cosine of their centred feature means.
    public let featureCosine: Double
    /// Mean pairwise cosine of their classifier rows.
    public let classifierCosine: Double

    enum CodingKeys: String, CodingKey {
        case classes
        case featureCosine = "feature_cosine"
        case classifierCosine = "classifier_cosine"
    }

    public init(classes: [Int], featureCosine: Double, classifierCosine: Double) {
        self.classes = classes
        self.featureCosine = featureCosine
        self.classifierCosine = classifierCosine
    }

    /// The minority classes of a training sample: those with fewer points than the largest class;
    /// empty when the classes are balanced.
    public static func minorityClasses(counts: [Int]) -> [Int] {
        guard let largest = counts.max() else { return [] }
        return counts.indices.filter { counts[$0] < largest }
    }

    /// Measures `classes` (at least two) from the last hidden layer's `features` (n × p) and the
    /// classifier weights (classCount × p, row k = class k).
    public static func measure(features: Matrix<Float>, labels: [Int], classifier: Matrix<Double>,
                               classes: [Int]) throws(SeparationError) -> MinorityCollapse {
        let means = try ClassMeans(features, labels: labels, classCount: classifier.rows)
        guard classes.count >= 2 else { throw .tooFewClassesPresent(classes.count) }
        guard classifier.cols == means.dimension else {
            throw .featureCountMismatch(count: classifier.rows, dimension: means.dimension, found: classifier.storage.count)
        }
        if let missing = classes.first(where: { $0 < 0 || $0 >= classifier.rows || means.counts[$0] == 0 }) {
            throw .labelOutOfRange(index: 0, label: missing, classCount: classifier.rows)
        }
        let centred = classes.map { means.centredMean($0) }
        let rows = classes.map { classifier.row($0) }
        return MinorityCollapse(classes: classes, featureCosine: meanPairwiseCosine(centred),
                                classifierCosine: meanPairwiseCosine(rows))
    }

    /// Mean of cos(v_a, v_b) over pairs a < b (0 for a zero vector).
    public static func meanPairwiseCosine(_ vectors: [[Double]]) -> Double {
        let norms = vectors.map { v in v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var sum = 0.0, pairs = 0
        for a in vectors.indices {
            for b in vectors.indices where b > a {
                let dot = zip(vectors[a], vectors[b]).reduce(0) { $0 + $1.0 * $1.1 }
                let denominator = norms[a] * norms[b]
                sum += denominator > 0 ? dot / denominator : 0
                pairs += 1
            }
        }
        return pairs > 0 ? sum / Double(pairs) : .nan
    }
}
