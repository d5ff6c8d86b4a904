import Foundation

/// The OpenBLAS kernel set a process should ask for when OpenBLAS's own CPU detection falls short.
///
/// OpenBLAS picks its kernels from the CPU model; a model newer than the library (Debian 12's 0.3.21 does not
/// know Emerald Rapids, for example) gets the generic `Prescott` SSE kernels, four to six times slower than
/// the AVX2 or AVX-512 ones the CPU can run. The choice is made when the library loads, from the environment
/// variable `OPENBLAS_CORETYPE`, so a process that finds itself on a fallback core sets the variable and
/// starts itself again (`BLASCoreSelection` in the command line). A value the user set is never overridden.
public enum BLASCoreChoice {
    /// OpenBLAS kernel sets with AVX2 or wider kernels; anything else on an AVX2 CPU is a fallback.
    public static let vectorCores: Set<String> = [
        "Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids", "Excavator",
    ]

    /// The kernel set to ask for: `SkylakeX` on a CPU with the AVX-512 subsets its kernels use, `Haswell` on one
    /// with AVX2 and FMA; nil when OpenBLAS already picked a vector core, or the CPU has neither.
    public static func preferredCore(current: String, cpuFlags: Set<String>) -> String? {
        guard !vectorCores.contains(current) else { return nil }
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) {
            return "SkylakeX"
        }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The feature flags of the first CPU in `/proc/cpuinfo` (empty where the file is missing or has none).
    public static func cpuFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// What this process should ask for, or nil: nothing to change, or the user chose with `OPENBLAS_CORETYPE`.
    public static func preferredCoreForThisProcess() -> String? {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return nil }
        return preferredCore(current: BLASRuntime.coreName, cpuFlags: cpuFlags())
    }
}
