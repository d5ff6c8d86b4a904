import Foundation
import Linalg
import Separation

/// The separation part of `seplaw bench`: the projected D against the naive p×p formula on synthetic
/// features (n points, K balanced classes, Gaussian noise around random class means), and the time to
/// PCA-reduce them to 100 dimensions (as the authors do for ResNet features above 100 dimensions).
enum SeparationBench {
    /// Float64 p×p matrices allocated at the naive formula's peak (heaptrack, p = 2048): SS_w, SS_b, the SVD's
    /// working copy and factors U and Vᵀ, LAPACKE's three row-major transposed copies and dgesdd's 3p² workspace.
    static let naivePeakMatrices = 11

    /// The share of the available memory the naive formula may take (the machine is shared, and has no swap).
    static let naiveMemoryShare = 0.8

    /// The components kept by the PCA rows.
    static let pcaComponents = 100

    /// `naiveLimit` caps the p at which the naive formula runs; nil runs it wherever it fits in memory
    /// (`naiveMemoryShare` of what is available).
    static func run(dimensions: [Int], naiveLimit: Int?, n: Int = 1000, classes: Int = 10) throws {
        let available = availableMemory()
        print("\nseparation fuzziness, n = \(n), K = \(classes): projected method against the naive p×p pseudo-inverse"
              + " (run where it needs at most \(Int(naiveMemoryShare * 100))% of the \(gib(available)) GiB available)")
        var rows: [[String]] = []
        var pcaRows: [[String]] = []
        for p in dimensions {
            let (features, labels) = synthetic(dimension: p, count: n, classes: classes)
            var projected = 0.0
            let projectedSeconds = try best(of: p > 4096 ? 3 : 10) {
                projected = try SeparationFuzziness.compute(features, labels: labels, classCount: classes)
            }
            var naiveCells = ["-", "-", "-"]
            // The p×p matrices plus the Float64 copy of the features and its class-centred copy.
            let needed = 8 * (Double(naivePeakMatrices) * Double(p) * Double(p) + 2 * Double(n) * Double(p))
            if let naiveLimit, p > naiveLimit {
                naiveCells[0] = "skipped: p > --naive-limit \(naiveLimit)"
            } else if needed > naiveMemoryShare * available {
                naiveCells[0] = "skipped: p×p needs \(gib(needed)) GiB"
            } else {
                var naive = 0.0
                let wide = features.toDouble()
                let naiveSeconds = try best(of: 1) {
                    naive = try NaiveSeparationFuzziness(features: wide, labels: labels, classCount: classes).value
                }
                naiveCells = [String(format: "%.1f", naiveSeconds * 1000), String(format: "%.0f×", naiveSeconds / projectedSeconds),
                              String(format: "%.1e", abs(projected - naive) / abs(naive))]
            }
            rows.append([String(p), String(format: "%.3f", projectedSeconds * 1000)] + naiveCells + [String(format: "%.6g", projected)])

            if p > pcaComponents {
                var pca: PrincipalComponents?
                let pcaSeconds = try best(of: p > 4096 ? 2 : 5) {
                    pca = try PrincipalComponents(features, components: pcaComponents)
                }
                guard let pca else { continue }
                let reduced = try SeparationFuzziness.compute(pca.scores, labels: labels, classCount: classes)
                let kept = pca.variances.reduce(0, +) / pca.totalVariance
                pcaRows.append([String(p), String(format: "%.1f", pcaSeconds * 1000), String(pca.count),
                                String(format: "%.1f%%", 100 * kept), String(format: "%.6g", reduced), String(format: "%.6g", projected)])
            }
        }
        print(TextTable(header: ["p", "projected ms", "naive ms", "speed-up", "relative difference", "D"], rows: rows).rendered)
        if !pcaRows.isEmpty {
            print("\nPCA to \(pcaComponents) dimensions (n×n Gram matrix by dsyrk, top eigenpairs by dsyevr), then D of the scores")
            print(TextTable(header: ["p", "PCA ms", "components", "variance kept", "D (PCA)", "D (all p)"], rows: pcaRows).rendered)
        }
    }

    /// n points of `classes` balanced classes in p dimensions: N(mean_k, 4) with mean_k ~ N(0, I), Float32.
    private static func synthetic(dimension p: Int, count n: Int, classes: Int) -> (Matrix<Float>, [Int]) {
        var generator = SeededGenerator(seed: UInt64(p))
        let means = (0..<(classes * p)).map { _ in generator.normal() }
        let labels = (0..<n).map { $0 % classes }
        var values = [Float](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<p { values[i * p + j] = Float(means[labels[i] * p + j] + 2 * generator.normal()) }
        }
        return (Matrix<Float>(rows: n, cols: p, storage: values), labels)
    }

    /// Bytes of memory available to this process: MemAvailable from /proc/meminfo, else physical memory.
    private static func availableMemory() -> Double {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kib = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) {
            return kib * 1024
        }
        return Double(ProcessInfo.processInfo.physicalMemory)
    }

    private static func gib(_ bytes: Double) -> String {
        String(format: "%.1f", bytes / Double(1 << 30))
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
