import Linalg

/// Synthetic Gaussian mixture: class means random on a sphere of radius `separation`, unit
/// isotropic noise.
///
/// The means come from `SeededGenerator(seed: seed, stream: "gaussian-means")`; the noise from the
/// stream `"gaussian-" + noiseStream`, so a training set and a test set drawn with the same seed
/// and different noise streams share their means. Examples are ordered class by class.
public enum GaussianMixture {
    /// `perClass` points of each of `classes` classes in `dimension` dimensions (noise stream "train").
    public static func make(classes: Int, perClass: Int, dimension: Int, separation: Double, seed: UInt64) -> Dataset {
        make(counts: [Int](repeating: max(perClass, 0), count: max(classes, 0)), dimension: dimension,
             separation: separation, seed: seed, noiseStream: "train")
    }

    /// `counts[k]` points of class `k`, with noise from the named stream. Negative counts or
    /// dimension count as 0.
    public static func make(counts: [Int], dimension: Int, separation: Double, seed: UInt64, noiseStream: String) -> Dataset {
        let d = max(dimension, 0)
        let means = classMeans(classes: counts.count, dimension: d, separation: separation, seed: seed)
        let n = counts.reduce(0) { $0 + max($1, 0) }
        var storage = [Float](repeating: 0, count: n * d)
        var labels: [Int] = []
        labels.reserveCapacity(n)
        var noise = SeededGenerator(seed: seed, stream: "gaussian-" + noiseStream)
        var row = 0
        for (k, size) in counts.enumerated() {
            for _ in 0..<max(size, 0) {
                for j in 0..<d { storage[row * d + j] = Float(Double(means[k, j]) + noise.normal()) }
                labels.append(k)
                row += 1
            }
        }
        return Dataset(unchecked: Matrix(rows: n, cols: d, storage: storage), labels: labels, classCount: counts.count,
                       shape: .flat(d))
    }

    /// The `classes × dimension` class means: Gaussian directions scaled to length `separation`.
    public static func classMeans(classes: Int, dimension: Int, separation: Double, seed: UInt64) -> Matrix<Float> {
        let k = max(classes, 0), d = max(dimension, 0)
        var generator = SeededGenerator(seed: seed, stream: "gaussian-means")
        var means = Matrix<Float>(rows: k, cols: d)
        for c in 0..<k {
            let direction = (0..<d).map { _ in generator.normal() }
            let norm = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            for j in 0..<d { means[c, j] = Float(direction[j] / norm * separation) }
        }
        return means
    }
}
