import COpenBLAS

/// The largest eigenpairs of a symmetric n×n Float64 matrix, by LAPACK's `dsyevr` (MRRR), largest first.
///
/// Only the upper triangle of the row-major input is read (as `BLAS.syrk` writes it).
public struct SymmetricEigendecomposition: Sendable {
    /// The computed eigenvalues, descending.
    public let eigenvalues: [Double]
    /// n × m (m = `eigenvalues.count`): column j is the unit eigenvector of `eigenvalues[j]`.
    public let eigenvectors: Matrix<Double>

    /// Decomposes `a`, keeping the `largest` greatest eigenvalues (all n when nil or ≥ n; none when ≤ 0).
    /// Fails with `.notSquare` for a non-square matrix, or when LAPACK reports an error.
    public init(_ a: Matrix<Double>, largest: Int? = nil) throws(LinalgError) {
        guard a.rows == a.cols else { throw .notSquare(rows: a.rows, cols: a.cols) }
        let n = a.rows
        let wanted = min(n, max(0, largest ?? n))
        guard wanted > 0 else {
            eigenvalues = []
            eigenvectors = Matrix(rows: n, cols: 0)
            return
        }
        // The row-major upper triangle is the column-major lower triangle of the same storage,
        // so LAPACK reads it in place without LAPACKE's row-major transposition.
        var work = a.storage
        var found: Int32 = 0
        var values = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * wanted)   // column-major n × wanted
        var support = [Int32](repeating: 0, count: 2 * wanted)
        let info = work.withUnsafeMutableBufferPointer { pa in
            values.withUnsafeMutableBufferPointer { pw in
                z.withUnsafeMutableBufferPointer { pz in
                    support.withUnsafeMutableBufferPointer { ps in
                        LAPACKE_dsyevr(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")),
                                       Int8(UInt8(ascii: wanted == n ? "A" : "I")), Int8(UInt8(ascii: "L")),
                                       Int32(n), pa.baseAddress, Int32(n), 0, 0,
                                       Int32(n - wanted + 1), Int32(n), 0, &found,
                                       pw.baseAddress, pz.baseAddress, Int32(n), ps.baseAddress)
                    }
                }
            }
        }
        guard info == 0 else { throw .lapackFailed(routine: "dsyevr", info: Int(info)) }
        let m = Int(found)
        // LAPACK returns them ascending: reverse into descending order, row-major.
        var vectors = Matrix<Double>(rows: n, cols: m)
        for j in 0..<m {
            let source = (m - 1 - j) * n
            for i in 0..<n { vectors.storage[i * m + j] = z[source + i] }
        }
        eigenvalues = values.prefix(m).reversed()
        eigenvectors = vectors
    }
}
