import XCTest
@testable import Linalg

/// `dsyrk` and `dsyevr` through Linalg: the pieces of the Gram-matrix PCA.
final class SymmetricEigendecompositionTests: XCTestCase {
    private func random(_ rows: Int, _ cols: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SeededGenerator(seed: seed)
        return Matrix(rows: rows, cols: cols, storage: (0..<(rows * cols)).map { _ in rng.normal() })
    }

    /// A symmetric matrix given only by its upper triangle (the lower one is garbage, as syrk leaves it).
    private func upperOnly(_ a: Matrix<Double>) -> Matrix<Double> {
        var out = a
        for i in 0..<a.rows { for j in 0..<i { out[i, j] = 1e30 } }
        return out
    }

    func testSyrkMatchesGemmOnUpperTriangle() {
        let a = random(6, 4, seed: 1)
        for (trans, order, k) in [(Transpose.none, 6, 4), (Transpose.transpose, 4, 6)] {
            let expected = trans == .none ? BLAS.multiply(a, .none, a, .transpose) : BLAS.multiply(a, .transpose, a, .none)
            var c = Matrix<Double>(rows: order, cols: order, repeating: -7)
            a.storage.withUnsafeBufferPointer { pa in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    BLAS.syrk(trans, n: order, k: k, a: pa.baseAddress!, lda: a.cols, c: pc.baseAddress!, ldc: order)
                }
            }
            for i in 0..<order {
                for j in 0..<order {
                    if j >= i { XCTAssertEqual(c[i, j], expected[i, j], accuracy: 1e-12) } else { XCTAssertEqual(c[i, j], -7) }
                }
            }
        }
    }

    /// A = V Λ Vᵀ with orthonormal V and descending Λ, reading the upper triangle only.
    func testFullDecompositionReconstructs() throws {
        let x = random(9, 7, seed: 2)
        let a = BLAS.multiply(x, .none, x, .transpose)   // 9 × 9, rank 7
        let eigen = try SymmetricEigendecomposition(upperOnly(a))
        XCTAssertEqual(eigen.eigenvalues.count, 9)
        XCTAssertEqual(eigen.eigenvalues, eigen.eigenvalues.sorted(by: >))
        var scaled = eigen.eigenvectors
        for i in 0..<9 { for j in 0..<9 { scaled[i, j] *= eigen.eigenvalues[j] } }
        let back = BLAS.multiply(scaled, .none, eigen.eigenvectors, .transpose)
        for (u, v) in zip(back.storage, a.storage) { XCTAssertEqual(u, v, accuracy: 1e-12 * eigen.eigenvalues[0]) }
        let vtv = BLAS.multiply(eigen.eigenvectors, .transpose, eigen.eigenvectors, .none)
        for i in 0..<9 { for j in 0..<9 { XCTAssertEqual(vtv[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
        XCTAssertEqual(eigen.eigenvalues[7], 0, accuracy: 1e-12 * eigen.eigenvalues[0])
    }

    /// Asking for the largest few gives the same pairs as the full decomposition (up to sign).
    func testLargestSubsetMatchesFull() throws {
        let x = random(12, 12, seed: 3)
        let a = BLAS.multiply(x, .none, x, .transpose)
        let full = try SymmetricEigendecomposition(a)
        let top = try SymmetricEigendecomposition(a, largest: 4)
        XCTAssertEqual(top.eigenvectors.rows, 12)
        XCTAssertEqual(top.eigenvectors.cols, 4)
        for j in 0..<4 {
            XCTAssertEqual(top.eigenvalues[j], full.eigenvalues[j], accuracy: 1e-12 * full.eigenvalues[0])
            let dot = (0..<12).reduce(0.0) { $0 + top.eigenvectors[$1, j] * full.eigenvectors[$1, j] }
            XCTAssertEqual(abs(dot), 1, accuracy: 1e-10)
        }
        XCTAssertEqual(try SymmetricEigendecomposition(a, largest: 40).eigenvalues.count, 12)
        XCTAssertEqual(try SymmetricEigendecomposition(a, largest: 0).eigenvalues, [])
        XCTAssertEqual(try SymmetricEigendecomposition(Matrix(rows: 0, cols: 0)).eigenvalues, [])
    }

    func testNonSquareIsAnError() {
        XCTAssertThrowsError(try SymmetricEigendecomposition(Matrix(rows: 3, cols: 2))) { error in
            XCTAssertEqual(error as? LinalgError, .notSquare(rows: 3, cols: 2))
            XCTAssertFalse(String(describing: error).isEmpty)
        }
    }
}
