import Foundation

/// Measures the single-precision GEMM rate OpenBLAS achieves at a shape: the ceiling a training job is compared to.
public enum GemmRate {
    /// GFLOP/s of `C (m×n) = A (m×k) · Bᵀ` repeated for about `seconds`.
    public static func measure(m: Int, n: Int, k: Int, seconds: Double = 0.5) -> Double {
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
                        BLAS.gemm(.none, .transpose, m: m, n: n, k: k, a: pa.baseAddress!, lda: k,
                                  b: pb.baseAddress!, ldb: k, c: pc.baseAddress!, ldc: n)
                        repetitions += 1
                        elapsed = start.duration(to: clock.now).inSeconds
                    }
                }
            }
        }
        return flops * Double(repetitions) / elapsed / 1e9
    }
}
