import CKernels
import Dispatch
import Linalg

/// The cores' own compute rate, without memory: fused multiply-adds on registers only (`seplaw_core_probe`), on one
/// thread or on several at once. Set beside a job's speed-up on N threads, it says how far the cores themselves
/// scaled at that moment (on a shared or virtual host two "cores" need not give twice one's work).
public enum CoreRate {
    /// GFLOP/s of all `threads` threads together, each running the probe for about `seconds`.
    public static func measure(threads: Int, seconds: Double = 0.5) -> Double {
        var flopsPerIteration = 0
        // Calibrate on one thread: iterations that take about `seconds`.
        var iterations = 1 << 16
        var elapsed = 0.0
        while elapsed < seconds / 8 {
            iterations *= 2
            elapsed = ContinuousClock().measure { _ = seplaw_core_probe(iterations, &flopsPerIteration) }.inSeconds
        }
        let timed = max(1, Int(Double(iterations) * seconds / elapsed))
        let count = max(threads, 1)
        let wall = ContinuousClock().measure {
            DispatchQueue.concurrentPerform(iterations: count) { _ in
                var flops = 0
                _ = seplaw_core_probe(timed, &flops)
            }
        }.inSeconds
        return Double(count) * Double(timed) * Double(flopsPerIteration) / wall / 1e9
    }
}
