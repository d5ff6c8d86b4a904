import Foundation

/// Measures the single-precision GEMM rate OpenBLAS achieves at a shape: the ceiling a training job is compared to.
public enum GemmRate {
    /// The product being timed: C (m×n) from A (m·k values) and B (n·k values), in whatever transposes and
    /// leading dimensions the closure uses.
    public typealias Product = @Sendable (_ m: Int, _ n: Int, _ k: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                _ c: UnsafeMutablePointer<Float>) -> Void

    /// OpenBLAS's sgemm of `C = A (m×k) · Bᵀ (B is n×k)`, row-major.
    public static let openBLAS: Product = { m, n, k, a, b, c in
        BLAS.gemm(.none, .transpose, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: c, ldc: n)
    }

    /// GFLOP/s (2·m·n·k per call) of `product` repeated for about `seconds` (OpenBLAS's A·Bᵀ unless given).
    public static func measure(m: Int, n: Int, k: Int, seconds: Double = 0.5, product: Product = openBLAS) -> Double {
        var generator = SeededGenerator(seed: 7)
        let a = (0..<(m * k)).map { _ in Float(generator.nextUnit()) }
        let b = (0..<(n * k)).map { _ in Float(generator.nextUnit()) }
        var c = [Float](repeating: 0, count: m * n)
        let flops = 2.0 * Double(m) * Double(n) * Double(k)
        var repetitions = 0
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = 0.0
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    while elapsed < seconds {
                        product(m, n, k, pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
                        repetitions += 1
                        elapsed = start.duration(to: clock.now).inSeconds
                    }
                }
            }
        }
        return flops * Double(repetitions) / elapsed / 1e9
    }
}
