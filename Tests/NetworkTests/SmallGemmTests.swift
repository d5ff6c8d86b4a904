import XCTest
import CKernels
import Linalg
@testable import Network

/// The small-matrix GEMM kernel against a naive Float64 product: every transpose pair, shapes that leave
/// partial row tiles and partial 16-column panels, strided operands, accumulate / bias / overwrite.
final class SmallGemmTests: XCTestCase {
    struct Case { let m: Int, n: Int, k: Int }

    func values(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(2 * generator.nextUnit() - 1) }
    }

    /// op(A)·op(B) (+ start) in Float64, with the error bound Σ|a·b| · 2⁻²⁰ for Float32 accumulation.
    func reference(_ tA: Bool, _ tB: Bool, _ c: Case, a: [Float], lda: Int, b: [Float], ldb: Int,
                   start: (Int, Int) -> Double) -> [(value: Double, bound: Double)] {
        var out: [(Double, Double)] = []
        for i in 0..<c.m {
            for j in 0..<c.n {
                var sum = start(i, j), magnitude = abs(start(i, j))
                for p in 0..<c.k {
                    let x = Double(tA ? a[p * lda + i] : a[i * lda + p]), y = Double(tB ? b[j * ldb + p] : b[p * ldb + j])
                    sum += x * y
                    magnitude += abs(x * y)
                }
                out.append((sum, magnitude * 0x1p-20 + 1e-30))
            }
        }
        return out
    }

    func testEveryTransposeAndEdgeAgainstFloat64() throws {
        try XCTSkipUnless(seplaw_small_sgemm_supported() != 0, "this CPU has no AVX2/FMA: OpenBLAS does every product")
        let cases = [Case(m: 1, n: 1, k: 1), Case(m: 5, n: 7, k: 3), Case(m: 6, n: 16, k: 9), Case(m: 7, n: 17, k: 8),
                     Case(m: 8, n: 8, k: 17), Case(m: 12, n: 9, k: 33), Case(m: 13, n: 31, k: 16), Case(m: 26, n: 40, k: 5),
                     Case(m: 128, n: 100, k: 100), Case(m: 100, n: 100, k: 128), Case(m: 128, n: 10, k: 100),
                     Case(m: 20, n: 64, k: 64), Case(m: 9, n: 128, k: 24)]
        var checked = 0
        for (index, c) in cases.enumerated() {
            for tA in [false, true] {
                for (tB, padding) in [(false, 0), (false, 5), (true, 0), (true, 5)] {
                    // Leading dimensions as tight as the matrices (a 64-float multiple sends B through the packed
                    // path) or wider: the kernel must honour them.
                    let lda = (tA ? c.m : c.k) + 3, ldb = (tB ? c.k : c.n) + padding, ldc = c.n + 2
                    let a = values((tA ? c.k : c.m) * lda, seed: UInt64(index * 4 + 1))
                    let b = values((tB ? c.n : c.k) * ldb, seed: UInt64(index * 4 + 2))
                    let bias = values(c.n, seed: UInt64(index * 4 + 3))
                    let initial = values(c.m * ldc, seed: UInt64(index * 4 + 4))
                    for mode in ["overwrite", "accumulate", "bias"] {
                        var out = initial
                        let done = bias.withUnsafeBufferPointer { biasPointer in
                            seplaw_small_sgemm(tA ? 1 : 0, tB ? 1 : 0, c.m, c.n, c.k, a, lda, b, ldb,
                                               mode == "accumulate" ? 1 : 0, mode == "bias" ? biasPointer.baseAddress : nil,
                                               &out, ldc)
                        }
                        XCTAssertEqual(done, 1)
                        let expected = reference(tA, tB, c, a: a, lda: lda, b: b, ldb: ldb) { i, j in
                            mode == "accumulate" ? Double(initial[i * ldc + j]) : mode == "bias" ? Double(bias[j]) : 0
                        }
                        var worst = 0.0
                        for i in 0..<c.m {
                            for j in 0..<c.n {
                                let (value, bound) = expected[i * c.n + j]
                                worst = max(worst, abs(Double(out[i * ldc + j]) - value) / bound)
                            }
                            // Padding between rows is left alone.
                            for j in c.n..<ldc { XCTAssertEqual(out[i * ldc + j], initial[i * ldc + j]) }
                        }
                        XCTAssertLessThanOrEqual(worst, 1, "\(c) \(tA ? "T" : "N")\(tB ? "T" : "N") \(mode)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertEqual(checked, cases.count * 2 * 4 * 3)
    }

    /// The AVX-512 tiles compute each element of C as the same chain of fused multiply-adds as the AVX2 tiles, so
    /// the two give the same bits, on every transpose pair, mode and edge shape (odd panel counts, 1–15-column tails,
    /// row tails of every size), and leave the padding of C alone.
    func testAVX512GivesTheAVX2Bits() throws {
        try XCTSkipUnless(Int(seplaw_cpu_vector_level()) >= SEPLAW_VECTOR_AVX512, "this CPU has no AVX-512")
        defer { seplaw_limit_vector_level(Int32(SEPLAW_VECTOR_AVX512)) }
        let cases = [Case(m: 1, n: 1, k: 1), Case(m: 5, n: 7, k: 3), Case(m: 13, n: 31, k: 16), Case(m: 26, n: 40, k: 5),
                     Case(m: 128, n: 100, k: 100), Case(m: 100, n: 100, k: 128), Case(m: 128, n: 10, k: 100),
                     Case(m: 23, n: 48, k: 17), Case(m: 11, n: 33, k: 64), Case(m: 37, n: 200, k: 20)]
        var compared = 0
        for (index, c) in cases.enumerated() {
            for tA in [false, true] {
                for tB in [false, true] {
                    let lda = (tA ? c.m : c.k) + 1, ldb = (tB ? c.k : c.n) + 2, ldc = c.n + 3
                    let a = values((tA ? c.k : c.m) * lda, seed: UInt64(index * 4 + 11))
                    let b = values((tB ? c.n : c.k) * ldb, seed: UInt64(index * 4 + 12))
                    let bias = values(c.n, seed: UInt64(index * 4 + 13))
                    let initial = values(c.m * ldc, seed: UInt64(index * 4 + 14))
                    for mode in ["overwrite", "accumulate", "bias"] {
                        func run(_ level: Int) -> [UInt32] {
                            seplaw_limit_vector_level(Int32(level))
                            var out = initial
                            let done = bias.withUnsafeBufferPointer { biasPointer in
                                seplaw_small_sgemm(tA ? 1 : 0, tB ? 1 : 0, c.m, c.n, c.k, a, lda, b, ldb,
                                                   mode == "accumulate" ? 1 : 0, mode == "bias" ? biasPointer.baseAddress : nil,
                                                   &out, ldc)
                            }
                            XCTAssertEqual(done, 1)
                            return out.map(\.bitPattern)
                        }
                        XCTAssertEqual(run(SEPLAW_VECTOR_AVX512), run(SEPLAW_VECTOR_AVX2), "\(c) \(tA ? "T" : "N")\(tB ? "T" : "N") \(mode)")
                        compared += 1
                    }
                }
            }
        }
        XCTAssertEqual(compared, cases.count * 4 * 3)
    }

    /// Float.gemm routes small products here and the rest to OpenBLAS; both give the product to Float32 rounding,
    /// with β = 0 overwriting whatever C held (NaN included).
    func testNetworkGemmAgreesWithOpenBLASOnBothSidesOfTheThreshold() {
        for (m, n, k) in [(128, 100, 100), (64, SmallGemm.maxColumns + 1, 20), (40, 30, SmallGemm.maxDepth + 1)] {
            let a = values(m * k, seed: 1), b = values(n * k, seed: 2)
            var viaNetwork = [Float](repeating: .nan, count: m * n), viaBLAS = viaNetwork
            Float.gemm(.none, .transpose, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: k, beta: 0, c: &viaNetwork, ldc: n)
            BLAS.gemm(.none, .transpose, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: &viaBLAS, ldc: n)
            let worst = zip(viaNetwork, viaBLAS).map { abs($0 - $1) }.max() ?? .nan
            XCTAssertLessThan(worst, 1e-4, "\(m)×\(n)×\(k)")
        }
    }

    /// Dense's forward (bias fused into the product) against x·Wᵀ + b in Float64.
    func testDenseForwardWithFusedBias() {
        let layer = Dense<Float>(inputDimension: 100, outputDimension: 100, maxBatch: 128, name: "d")
        var generator = SeededGenerator(seed: 5)
        layer.initialize(using: &generator)
        let x = values(128 * 100, seed: 6)
        let y = layer.forward(x, batch: 128)
        var worst = 0.0
        for i in 0..<128 {
            for j in 0..<100 {
                var sum = Double(layer.bias.value.pointer[j])
                for p in 0..<100 { sum += Double(x[i * 100 + p]) * Double(layer.weight.value.pointer[j * 100 + p]) }
                worst = max(worst, abs(Double(y[i * 100 + j]) - sum))
            }
        }
        XCTAssertLessThan(worst, 1e-5)
    }
}
