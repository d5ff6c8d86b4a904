import CKernels
import Linalg

/// The memory rate a streaming pass gets, on one thread or split across several: a[i] = a[i]·½ + b[i]·c[i] over
/// three arrays (16 bytes moved per element). Sized like one layer's activations of a full-width network (48 MB at the
/// default), it is what a job's element-wise passes, copies and padded planes run at; set beside ``CoreRate``, it
/// says whether N threads get N times the memory traffic (on a shared cache or virtual host they need not).
public enum StreamRate {
    /// GB/s of the pass over arrays of `values` floats, split into `threads` consecutive slices run at once, repeated
    /// for about `seconds` (after one untimed pass that touches every page).
    public static func measure(threads: Int, values: Int = 4 << 20, seconds: Double = 0.5) -> Double {
        let count = max(values, 1), team = ThreadTeam(threads: threads)
        let a = UnsafeMutablePointer<Float>.allocate(capacity: count), b = UnsafeMutablePointer<Float>.allocate(capacity: count)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        a.initialize(repeating: 1, count: count)
        b.initialize(repeating: 0.5, count: count)
        c.initialize(repeating: 1, count: count)
        let slices = team.ranges(count)
        let pass = { team.run { part in streamPass(a, b, c, slices[part]) } }
        pass()
        var passes = 0
        let start = ContinuousClock.now
        var elapsed = 0.0
        while elapsed < seconds {
            pass()
            passes += 1
            elapsed = (ContinuousClock.now - start).inSeconds
        }
        return 16 * Double(count) * Double(passes) / elapsed / 1e9
    }

    /// a[i] = a[i]·½ + b[i]·c[i] for i in `range` (`seplaw_stream_probe`, at the kernels' vector width).
    static func streamPass(_ a: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
                           _ range: Range<Int>) {
        seplaw_stream_probe(a + range.lowerBound, b + range.lowerBound, c + range.lowerBound, range.count)
    }
}
