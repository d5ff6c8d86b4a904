import CKernels
import Linalg

/// Which products go to the small-matrix kernel instead of OpenBLAS: depth k from 16 to 256 (one 16-column panel
/// of op(B) stays in L1; below 16 the per-tile stores of C weigh too much), at most 200 columns and 512 rows. These are
/// the shapes of the 100-wide layers, where skipping OpenBLAS's packing of A and its separate pass over C pays
/// (`seplaw bench` prints both rates at 128×100×100); from about 256 columns on OpenBLAS's full tiles win, and
/// convolutions' im2col products, wider and deeper, stay with it.
public enum SmallGemm {
    static let minDepth = 16
    static let maxDepth = 256
    static let maxColumns = 200
    static let maxRows = 512

    /// What this CPU runs the small products on, as results record it.
    public static var kernelName: String {
        seplaw_small_sgemm_supported() != 0 ? "seplaw-\(FusedKernelLabel.current) \(minDepth)<=k<=\(maxDepth),n<=\(maxColumns),m<=\(maxRows)" : "openblas"
    }

    static func suits(m: Int, n: Int, k: Int) -> Bool {
        k >= minDepth && k <= maxDepth && n <= maxColumns && m > 0 && m <= maxRows
    }
}

extension Transpose {
    /// 1 for a transposed operand, as the C kernels take it.
    var flag: Int32 { self == .none ? 0 : 1 }
}
