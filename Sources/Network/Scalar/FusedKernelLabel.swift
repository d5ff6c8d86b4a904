import CKernels

/// The vector width of seplaw's fused-multiply-add kernels as results and benchmark headers name it: `avx512-fma` or
/// `avx2-fma` (the two compute the same bits; the label says which code ran).
enum FusedKernelLabel {
    static var current: String {
        Int(seplaw_vector_level()) >= SEPLAW_VECTOR_AVX512 ? "avx512-fma" : "avx2-fma"
    }
}
