#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds (user + system) this process has used itself, its child jobs excluded: the cost of
/// coordinating a sweep.
public enum ProcessCPUTime {
    public static var ownSeconds: Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
