import COpenBLAS

/// OpenBLAS's thread pool and the CPU kernel it picked; both go into every result.
public enum BLASRuntime {
    /// Fixes the number of threads OpenBLAS uses in this process.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS currently uses.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// The name of the CPU kernel OpenBLAS chose (for example `Haswell` or `Zen`).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
