import Foundation
import Linalg
import Separation

/// The separation part of `seplaw bench`: the projected D against the naive p×p formula on
/// synthetic features (n points, K balanced classes, Gaussian noise around random class means).
enum SeparationBench {
    static func run(dimensions: [Int], naiveLimit: Int, n: Int = 1000, classes: Int = 10) throws {
        print("\nseparation fuzziness, n = \(n), K = \(classes): projected method against the naive p×p pseudo-inverse")
        var rows: [[String]] = []
        for p in dimensions {
            var generator = SeededGenerator(seed: UInt64(p))
            let means = (0..<(classes * p)).map { _ in generator.normal() }
            let labels = (0..<n).map { $0 % classes }
            var values = [Float](repeating: 0, count: n * p)
            for i in 0..<n {
                for j in 0..<p { values[i * p + j] = Float(means[labels[i] * p + j] + 2 * generator.normal()) }
            }
            let features = Matrix<Float>(rows: n, cols: p, storage: values)
            var projected = 0.0
            let projectedSeconds = try best(of: p > 4096 ? 3 : 10) {
                projected = try SeparationFuzziness.compute(features, labels: labels, classCount: classes)
            }
            var naiveCells = ["-", "-", "-"]
            if p <= naiveLimit {
                var naive = 0.0
                let wide = features.toDouble()
                let naiveSeconds = try best(of: 1) {
                    naive = try NaiveSeparationFuzziness(features: wide, labels: labels, classCount: classes).value
                }
                naiveCells = [String(format: "%.1f", naiveSeconds * 1000), String(format: "%.0f×", naiveSeconds / projectedSeconds),
                              String(format: "%.1e", abs(projected - naive) / abs(naive))]
            }
            rows.append([String(p), String(format: "%.3f", projectedSeconds * 1000)] + naiveCells + [String(format: "%.6g", projected)])
        }
        print(TextTable(header: ["p", "projected ms", "naive ms", "speed-up", "relative difference", "D"], rows: rows).rendered)
    }

    /// The shortest wall time of `repetitions` runs of `body`, in seconds.
    private static func best(of repetitions: Int, _ body: () throws -> Void) throws -> Double {
        let clock = ContinuousClock()
        var fastest = Double.infinity
        for _ in 0..<repetitions {
            let start = clock.now
            try body()
            fastest = min(fastest, start.duration(to: clock.now).inSeconds)
        }
        return fastest
    }
}
