import CKernels
import Linalg
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element type a network computes in: Float32 for training, Float64 for gradient checks.
public protocol NetworkScalar: BinaryFloatingPoint, Sendable {
    /// C (m×n) = alpha · op(A) · op(B) + beta · C, row-major.
    static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                     alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// C (m×n) = op(A) · op(B) + bias, the n biases added to every row.
    static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     rowBias: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>, ldc: Int)
    static func exponential(_ x: Self) -> Self
    static func logarithm(_ x: Self) -> Self
}

extension NetworkScalar {
    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                            rowBias: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>, ldc: Int) {
        gemmOntoRowBias(transA, transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, rowBias: rowBias, c: c, ldc: ldc)
    }

    /// Each row of C starts as the bias and the product is accumulated onto it (β = 1): one pass instead of two.
    static func gemmOntoRowBias(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                                rowBias: UnsafePointer<Self>, c: UnsafeMutablePointer<Self>, ldc: Int) {
        for i in 0..<m { (c + i * ldc).update(from: rowBias, count: n) }
        gemm(transA, transB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 1, c: c, ldc: ldc)
    }
}

extension Float: NetworkScalar {
    /// Small products (the 100-wide layers of the paper's networks) go to ``seplaw_small_sgemm`` where the CPU has
    /// AVX2 and FMA; everything else, and every CPU without them, to OpenBLAS.
    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if alpha == 1, beta == 0 || beta == 1, SmallGemm.suits(m: m, n: n, k: k),
           seplaw_small_sgemm(transA.flag, transB.flag, m, n, k, a, lda, b, ldb, beta == 1 ? 1 : 0, nil, c, ldc) != 0 {
            return
        }
        BLAS.gemm(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            rowBias: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if SmallGemm.suits(m: m, n: n, k: k),
           seplaw_small_sgemm(transA.flag, transB.flag, m, n, k, a, lda, b, ldb, 0, rowBias, c, ldc) != 0 {
            return
        }
        gemmOntoRowBias(transA, transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, rowBias: rowBias, c: c, ldc: ldc)
    }
    public static func exponential(_ x: Float) -> Float { expf(x) }
    public static func logarithm(_ x: Float) -> Float { logf(x) }
}

extension Double: NetworkScalar {
    public static func gemm(_ transA: Transpose, _ transB: Transpose, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.gemm(transA, transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
    public static func exponential(_ x: Double) -> Double { exp(x) }
    public static func logarithm(_ x: Double) -> Double { log(x) }
}
