import COpenBLAS

extension BLAS {
    /// The upper triangle of C (n×n) = alpha · op(A) · op(A)ᵀ + beta · C, Float64, row-major, where op(A) is
    /// n×k: A itself (`.none`, A n×k) or Aᵀ (`.transpose`, A k×n). The strict lower triangle of C is not touched.
    public static func syrk(
        _ trans: Transpose, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dsyrk(CblasRowMajor, CblasUpper, trans.cblas, Int32(n), Int32(k),
                    alpha, a, Int32(lda), beta, c, Int32(ldc))
    }
}
