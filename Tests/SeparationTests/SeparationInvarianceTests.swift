import Linalg
import XCTest
@testable import Separation

/// Properties the measure must have whatever the implementation.
final class SeparationInvarianceTests: XCTestCase {
    private let data = SyntheticClasses.make(sizes: [15, 12, 18, 9], dimension: 6, spread: 0.8, seed: 11)

    private func fuzziness(_ x: Matrix<Double>) throws -> Double {
        try SeparationFuzziness.compute(x, labels: data.labels, classCount: 4)
    }

    func testUnchangedByScaling() throws {
        let base = try fuzziness(data.features)
        for factor in [3.7, 1e-3, 250.0] {
            let scaled = Matrix(rows: data.features.rows, cols: data.features.cols,
                                storage: data.features.storage.map { $0 * factor })
            XCTAssertEqual(try fuzziness(scaled), base, accuracy: 1e-12 * base, "scale \(factor)")
        }
    }

    func testUnchangedByTranslation() throws {
        let base = try fuzziness(data.features)
        var rng = SeededGenerator(seed: 12)
        let shift = (0..<data.features.cols).map { _ in 50 * rng.normal() }
        var moved = data.features
        for i in 0..<moved.rows { for j in 0..<moved.cols { moved[i, j] += shift[j] } }
        XCTAssertEqual(try fuzziness(moved), base, accuracy: 1e-10 * base)
    }

    func testUnchangedByRotation() throws {
        let base = try fuzziness(data.features)
        var rng = SeededGenerator(seed: 13)
        let p = data.features.cols
        let random = Matrix<Double>(rows: p, cols: p, storage: (0..<(p * p)).map { _ in rng.normal() })
        let orthogonal = try SingularValueDecomposition(random).u
        let rotated = BLAS.multiply(data.features, .none, orthogonal, .none)
        XCTAssertEqual(try fuzziness(rotated), base, accuracy: 1e-11 * base)
    }

    /// Every point at its class mean: no within-class scatter, D = 0.
    func testCollapsedClassesHaveZeroFuzziness() throws {
        // Dyadic values and power-of-two class sizes: means and centring are exact.
        let means: [[Double]] = [[1, 0.5, -2], [0.25, 3, 1], [-1, -1, 0.75]]
        var storage: [Double] = [], labels: [Int] = []
        for _ in 0..<8 { for k in 0..<3 { storage += means[k]; labels.append(k) } }
        let exact = Matrix(rows: labels.count, cols: 3, storage: storage)
        XCTAssertEqual(try SeparationFuzziness.compute(exact, labels: labels, classCount: 3), 0)

        // Arbitrary means and sizes: zero up to rounding.
        let (x, randomLabels) = SyntheticClasses.make(sizes: [7, 3, 11], dimension: 5, spread: 0, seed: 14)
        let collapsed = try SeparationFuzziness.compute(x, labels: randomLabels, classCount: 3)
        XCTAssertLessThan(collapsed, 1e-24)
        XCTAssertGreaterThanOrEqual(collapsed, 0)
    }

    /// With balanced classes D = K · NC1, NC1 = Tr(Σ_W Σ_B⁺)/K as in Papyan, Han & Donoho (2020),
    /// with Σ_B⁺ from the top K−1 eigenpairs of Σ_B (their truncation, not a tolerance).
    func testBalancedFuzzinessIsClassCountTimesNC1() throws {
        let classCount = 5, p = 12
        let (x, labels) = SyntheticClasses.make(sizes: Array(repeating: 24, count: classCount), dimension: p,
                                                 spread: 1.3, seed: 15)
        let n = x.rows
        var means = Matrix<Double>(rows: classCount, cols: p)
        for i in 0..<n { for j in 0..<p { means[labels[i], j] += x[i, j] / 24 } }
        var global = [Double](repeating: 0, count: p)
        for k in 0..<classCount { for j in 0..<p { global[j] += means[k, j] / Double(classCount) } }
        var sigmaW = Matrix<Double>(rows: p, cols: p), sigmaB = Matrix<Double>(rows: p, cols: p)
        for i in 0..<n {
            for a in 0..<p { for b in 0..<p {
                sigmaW[a, b] += (x[i, a] - means[labels[i], a]) * (x[i, b] - means[labels[i], b]) / Double(n)
            } }
        }
        for k in 0..<classCount {
            for a in 0..<p { for b in 0..<p {
                sigmaB[a, b] += (means[k, a] - global[a]) * (means[k, b] - global[b]) / Double(classCount)
            } }
        }
        let svd = try SingularValueDecomposition(sigmaB)
        var nc1 = 0.0
        for j in 0..<(classCount - 1) {
            // Tr(Σ_W u_j u_jᵀ) / s_j
            var quadratic = 0.0
            for a in 0..<p { for b in 0..<p { quadratic += svd.u[a, j] * sigmaW[a, b] * svd.u[b, j] } }
            nc1 += quadratic / svd.singularValues[j]
        }
        nc1 /= Double(classCount)
        let d = try SeparationFuzziness.compute(x, labels: labels, classCount: classCount)
        XCTAssertEqual(d, Double(classCount) * nc1, accuracy: 1e-9 * d)
    }

    /// Better separated clouds give smaller D.
    func testTighterClassesHaveSmallerFuzziness() throws {
        let means = (0..<3).map { k in (0..<4).map { j in j == k ? 5.0 : 0 } }
        let loose = SyntheticClasses.make(sizes: [20, 20, 20], dimension: 4, spread: 2, means: means, seed: 16)
        let tight = SyntheticClasses.make(sizes: [20, 20, 20], dimension: 4, spread: 0.2, means: means, seed: 16)
        let dLoose = try SeparationFuzziness.compute(loose.features, labels: loose.labels, classCount: 3)
        let dTight = try SeparationFuzziness.compute(tight.features, labels: tight.labels, classCount: 3)
        XCTAssertGreaterThan(dLoose, 10 * dTight)
    }
}
