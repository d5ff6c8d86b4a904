import Foundation
import Linalg

/// Restarts the process on the OpenBLAS kernels the CPU can run when OpenBLAS fell back to generic ones.
enum BLASCoreSelection {
    /// Sets `OPENBLAS_CORETYPE` and replaces this process with a fresh image of itself (same arguments, same
    /// pid, so `mpirun` and Slurm see nothing), before anything has run. Child processes (a sweep's jobs)
    /// inherit the variable. Where the exec fails the process simply goes on with the kernels it has.
    static func restartOnPreferredCore() {
        guard let core = BLASCoreChoice.preferredCoreForThisProcess() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
