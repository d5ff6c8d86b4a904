import Linalg

/// Gaussian class clouds with chosen class sizes and means, for tests.
enum SyntheticClasses {
    /// `sizes[k]` points of class k in `p` dimensions, each N(mean_k, spread²) with mean_k drawn N(0, 1) unless given.
    static func make(sizes: [Int], dimension p: Int, spread: Double = 1, means: [[Double]]? = nil,
                     seed: UInt64) -> (features: Matrix<Double>, labels: [Int]) {
        var rng = SeededGenerator(seed: seed)
        let classMeans = means ?? sizes.indices.map { _ in (0..<p).map { _ in rng.normal() } }
        let n = sizes.reduce(0, +)
        var x = Matrix<Double>(rows: n, cols: p)
        var labels: [Int] = []
        labels.reserveCapacity(n)
        // Interleave classes so that points of one class are not contiguous.
        var remaining = sizes
        var row = 0
        while row < n {
            for k in sizes.indices where remaining[k] > 0 {
                remaining[k] -= 1
                for j in 0..<p { x[row, j] = classMeans[k][j] + spread * rng.normal() }
                labels.append(k)
                row += 1
            }
        }
        return (x, labels)
    }

    /// Rounds to Float32, as network buffers hold features.
    static func single(_ x: Matrix<Double>) -> Matrix<Float> {
        Matrix<Float>(rows: x.rows, cols: x.cols, storage: x.storage.map { Float($0) })
    }
}
