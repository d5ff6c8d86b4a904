import Linalg

/// Seeded sampling of example indices by class.
///
/// Both samplers shuffle all indices with `SeededGenerator(seed: seed, stream: "sample")` and walk
/// that order, keeping an index while its class still needs examples; the result is in shuffled
/// order, and the same labels and seed always give the same indices.
public enum ClassSampler {
    /// `perClass` indices of each class (nil = all), drawn from a seeded shuffle of the whole set,
    /// in shuffled order.
    public static func balanced(labels: [Int], classCount: Int, perClass: Int?, seed: UInt64) throws(DatasetError) -> [Int] {
        guard classCount >= 1 else {
            throw DatasetError(path: "", message: "class count \(classCount) must be at least 1")
        }
        guard let perClass else {
            try checkLabels(labels, classCount: classCount)
            var generator = SeededGenerator(seed: seed, stream: "sample")
            return generator.permutation(labels.count)
        }
        return try counts(labels: labels, classCount: classCount,
                          perClass: [Int](repeating: perClass, count: classCount), seed: seed)
    }

    /// Explicit per-class counts (`perClass[k]` examples of class `k`, for imbalance), with the same
    /// shuffle semantics as `balanced`.
    public static func counts(labels: [Int], classCount: Int, perClass: [Int], seed: UInt64) throws(DatasetError) -> [Int] {
        guard classCount >= 1 else {
            throw DatasetError(path: "", message: "class count \(classCount) must be at least 1")
        }
        guard perClass.count == classCount else {
            throw DatasetError(path: "", message: "per-class counts list \(perClass.count) classes, but there are \(classCount)")
        }
        if let bad = perClass.enumerated().first(where: { $0.element < 0 }) {
            throw DatasetError(path: "", message: "per-class count \(bad.element) for class \(bad.offset) is negative")
        }
        try checkLabels(labels, classCount: classCount)
        var available = [Int](repeating: 0, count: classCount)
        for label in labels { available[label] += 1 }
        for k in 0..<classCount where perClass[k] > available[k] {
            throw DatasetError(path: "", message: "class \(k) has only \(available[k]) examples, but \(perClass[k]) were requested")
        }
        let total = perClass.reduce(0, +) // each is at most available[k], so the sum is at most labels.count
        var generator = SeededGenerator(seed: seed, stream: "sample")
        let order = generator.permutation(labels.count)
        var still = perClass
        var chosen: [Int] = []
        chosen.reserveCapacity(total)
        for index in order where chosen.count < total {
            let label = labels[index]
            if still[label] > 0 {
                still[label] -= 1
                chosen.append(index)
            }
        }
        return chosen
    }

    private static func checkLabels(_ labels: [Int], classCount: Int) throws(DatasetError) {
        if let bad = labels.enumerated().first(where: { $0.element < 0 || $0.element >= classCount }) {
            throw DatasetError(path: "", message: "label \(bad.element) of example \(bad.offset) is outside 0..<\(classCount)")
        }
    }
}
