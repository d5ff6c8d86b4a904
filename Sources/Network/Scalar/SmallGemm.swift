import Linalg

/// Which products go to the small-matrix kernel instead of OpenBLAS: those whose packed op(B) (k × n) stays in
/// the L2 cache and whose depth k keeps one 16-column panel in L1 — the shapes where skipping OpenBLAS's packing
/// of A and its separate pass over C pays (`seplaw bench` prints both rates at a job's shapes).
enum SmallGemm {
    static let maxDepth = 256
    static let maxColumns = 256

    static func suits(m: Int, n: Int, k: Int) -> Bool {
        k <= maxDepth && n <= maxColumns && m > 0
    }
}

extension Transpose {
    /// 1 for a transposed operand, as the C kernels take it.
    var flag: Int32 { self == .none ? 0 : 1 }
}
