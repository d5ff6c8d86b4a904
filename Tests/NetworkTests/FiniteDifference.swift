import Linalg
@testable import Network

/// Central finite differences in Float64, the independent reference for every backward pass.
enum FiniteDifference {
    static let step = 1e-6

    /// d loss / d values[i] for every i, perturbing `values` in place and restoring it.
    static func gradient(of values: UnsafeMutablePointer<Double>, count: Int, loss: () -> Double) -> [Double] {
        gradient(of: values, at: Array(0..<count), loss: loss)
    }

    /// d loss / d values[i] for the listed indices only.
    static func gradient(of values: UnsafeMutablePointer<Double>, at indices: [Int], loss: () -> Double) -> [Double] {
        indices.map { i in
            let saved = values[i]
            values[i] = saved + step
            let plus = loss()
            values[i] = saved - step
            let minus = loss()
            values[i] = saved
            return (plus - minus) / (2 * step)
        }
    }

    /// The largest |a − b| / max(1e-3, |a| + |b|) over the pairs.
    static func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) / max(1e-3, abs($0) + abs($1)) }.max() ?? 0
    }

    /// At most `limit` indices of `0..<count`, evenly spread (all of them when count ≤ limit).
    static func sample(_ count: Int, limit: Int) -> [Int] {
        count <= limit ? Array(0..<count) : (0..<limit).map { $0 * count / limit }
    }

    static func random(_ count: Int, seed: UInt64, scale: Double = 1) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in scale * generator.normal() }
    }
}
