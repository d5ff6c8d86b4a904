import Linalg
import Network
import Sweep

extension BLASRecord {
    /// This process's configuration with `threads` BLAS threads, and the kernel that runs training's small products.
    public static func current(threads: Int) -> BLASRecord {
        BLASRecord(threads: threads, core: BLASRuntime.coreName, trainingGemm: SmallGemm.kernelName)
    }
}
