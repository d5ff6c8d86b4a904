import COpenBLAS

/// The thin SVD `A = U · diag(singularValues) · Vᵀ` of an m×n Float64 matrix, by LAPACK's `dgesdd`.
public struct SingularValueDecomposition: Sendable {
    /// m × min(m, n), columns are left singular vectors.
    public let u: Matrix<Double>
    /// min(m, n) singular values in descending order.
    public let singularValues: [Double]
    /// min(m, n) × n, rows are right singular vectors.
    public let vt: Matrix<Double>

    /// Decomposes `a`; fails only if LAPACK reports that the iteration did not converge.
    public init(_ a: Matrix<Double>) throws(LinalgError) {
        let m = a.rows, n = a.cols, r = min(m, n)
        var work = a.storage
        var s = [Double](repeating: 0, count: r)
        var u = Matrix<Double>(rows: m, cols: r)
        var vt = Matrix<Double>(rows: r, cols: n)
        if r == 0 {
            self.u = u; self.singularValues = s; self.vt = vt
            return
        }
        let info = work.withUnsafeMutableBufferPointer { pa in
            s.withUnsafeMutableBufferPointer { ps in
                u.storage.withUnsafeMutableBufferPointer { pu in
                    vt.storage.withUnsafeMutableBufferPointer { pvt in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                       pa.baseAddress, Int32(n), ps.baseAddress,
                                       pu.baseAddress, Int32(r), pvt.baseAddress, Int32(n))
                    }
                }
            }
        }
        guard info == 0 else { throw LinalgError.lapackFailed(routine: "dgesdd", info: Int(info)) }
        self.u = u
        self.singularValues = s
        self.vt = vt
    }
}
