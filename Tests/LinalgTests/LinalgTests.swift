import XCTest
@testable import Linalg

final class LinalgTests: XCTestCase {
    /// GEMM against a naive triple loop, all four transpose combinations.
    func testGemmMatchesNaiveProduct() {
        var rng = SystemRandomNumberGenerator()
        let a = Matrix<Double>(rows: 5, cols: 3, storage: (0..<15).map { _ in Double.random(in: -1...1, using: &rng) })
        let b = Matrix<Double>(rows: 3, cols: 4, storage: (0..<12).map { _ in Double.random(in: -1...1, using: &rng) })
        func naive(_ x: Matrix<Double>, _ y: Matrix<Double>) -> Matrix<Double> {
            var c = Matrix<Double>(rows: x.rows, cols: y.cols)
            for i in 0..<x.rows { for j in 0..<y.cols { for k in 0..<x.cols { c[i, j] += x[i, k] * y[k, j] } } }
            return c
        }
        let expected = naive(a, b)
        let variants = [
            BLAS.multiply(a, .none, b, .none),
            BLAS.multiply(a.transposed(), .transpose, b, .none),
            BLAS.multiply(a, .none, b.transposed(), .transpose),
            BLAS.multiply(a.transposed(), .transpose, b.transposed(), .transpose),
        ]
        for c in variants {
            for (x, y) in zip(c.storage, expected.storage) { XCTAssertEqual(x, y, accuracy: 1e-12) }
        }
    }

    /// The SVD reconstructs its input and has orthonormal factors.
    func testSVDReconstructs() throws {
        var rng = SystemRandomNumberGenerator()
        for (m, n) in [(7, 3), (3, 7), (4, 4)] {
            let a = Matrix<Double>(rows: m, cols: n, storage: (0..<(m * n)).map { _ in Double.random(in: -1...1, using: &rng) })
            let svd = try SingularValueDecomposition(a)
            var us = svd.u
            for i in 0..<us.rows { for j in 0..<us.cols { us[i, j] *= svd.singularValues[j] } }
            let back = BLAS.multiply(us, .none, svd.vt, .none)
            for (x, y) in zip(back.storage, a.storage) { XCTAssertEqual(x, y, accuracy: 1e-12) }
            let utu = BLAS.multiply(svd.u, .transpose, svd.u, .none)
            for i in 0..<utu.rows { for j in 0..<utu.cols { XCTAssertEqual(utu[i, j], i == j ? 1 : 0, accuracy: 1e-12) } }
            XCTAssertEqual(svd.singularValues, svd.singularValues.sorted(by: >))
        }
    }

    func testThreadControlIsRecorded() {
        BLASRuntime.setThreads(1)
        XCTAssertEqual(BLASRuntime.threads, 1)
        XCTAssertFalse(BLASRuntime.coreName.isEmpty)
    }
}
