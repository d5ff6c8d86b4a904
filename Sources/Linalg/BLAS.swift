import COpenBLAS

/// The few BLAS level-3 calls the project uses, row-major throughout.
public enum BLAS {
    /// C (m×n) = alpha · op(A) · op(B) + beta · C, with op(A) m×k and op(B) k×n, Float32.
    public static func gemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        var beta = beta
        if beta == 0 && k > 0 {
            // OpenBLAS clears C for β = 0 in a separate pass (sgemm_beta, 9 % of a Figure-1 job); clearing it
            // here and accumulating with β = 1 gives the same bits (0 + x = x) in a fraction of the time.
            clear(c, rows: m, cols: n, ld: ldc)
            beta = 1
        }
        cblas_sgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C (m×n) = alpha · op(A) · op(B) + beta · C, with op(A) m×k and op(B) k×n, Float64.
    public static func gemm(
        _ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        var beta = beta
        if beta == 0 && k > 0 {
            clear(c, rows: m, cols: n, ld: ldc)
            beta = 1
        }
        cblas_dgemm(CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Sets the m×n block of a row-major matrix with leading dimension `ld` to zero.
    private static func clear<T: BinaryFloatingPoint>(_ c: UnsafeMutablePointer<T>, rows m: Int, cols n: Int, ld: Int) {
        guard m > 0, n > 0 else { return }
        if ld == n {
            c.update(repeating: 0, count: m * n)
        } else {
            for row in 0..<m { (c + row * ld).update(repeating: 0, count: n) }
        }
    }

    /// op(A) · op(B) for whole matrices, Float64.
    public static func multiply(_ a: Matrix<Double>, _ transA: Transpose = .none,
                                _ b: Matrix<Double>, _ transB: Transpose = .none) -> Matrix<Double> {
        let m = transA == .none ? a.rows : a.cols
        let k = transA == .none ? a.cols : a.rows
        let kb = transB == .none ? b.rows : b.cols
        let n = transB == .none ? b.cols : b.rows
        precondition(k == kb, "inner dimensions differ: \(k) vs \(kb)")
        var c = Matrix<Double>(rows: m, cols: n)
        guard m > 0, n > 0 else { return c }
        if k == 0 { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    gemm(transA, transB, m: m, n: n, k: k,
                         a: pa.baseAddress!, lda: max(a.cols, 1),
                         b: pb.baseAddress!, ldb: max(b.cols, 1),
                         c: pc.baseAddress!, ldc: max(n, 1))
                }
            }
        }
        return c
    }

    /// op(A) · op(B) for whole matrices, Float32.
    public static func multiply(_ a: Matrix<Float>, _ transA: Transpose = .none,
                                _ b: Matrix<Float>, _ transB: Transpose = .none) -> Matrix<Float> {
        let m = transA == .none ? a.rows : a.cols
        let k = transA == .none ? a.cols : a.rows
        let kb = transB == .none ? b.rows : b.cols
        let n = transB == .none ? b.cols : b.rows
        precondition(k == kb, "inner dimensions differ: \(k) vs \(kb)")
        var c = Matrix<Float>(rows: m, cols: n)
        guard m > 0, n > 0, k > 0 else { return c }
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    gemm(transA, transB, m: m, n: n, k: k,
                         a: pa.baseAddress!, lda: max(a.cols, 1),
                         b: pb.baseAddress!, ldb: max(b.cols, 1),
                         c: pc.baseAddress!, ldc: max(n, 1))
                }
            }
        }
        return c
    }
}
