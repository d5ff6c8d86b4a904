import Linalg
import XCTest
@testable import Separation

/// PCA reduction before measuring D: against a naive p×p reference, and D's invariance.
final class PrincipalComponentsTests: XCTestCase {
    /// Class clouds with column j scaled by 3·0.85^j, so that the covariance spectrum has clear gaps.
    private func anisotropic(sizes: [Int], dimension p: Int, seed: UInt64) -> (features: Matrix<Double>, labels: [Int]) {
        var (x, labels) = SyntheticClasses.make(sizes: sizes, dimension: p, spread: 1, seed: seed)
        for i in 0..<x.rows { for j in 0..<p { x[i, j] *= 3 * pow(0.85, Double(j)) } }
        return (x, labels)
    }

    private func assertScoresMatch(_ pca: PrincipalComponents, _ naive: NaivePrincipalComponents,
                                   file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(pca.scores.rows, naive.scores.rows, file: file, line: line)
        XCTAssertEqual(pca.count, naive.scores.cols, file: file, line: line)
        let scale = naive.variances[0].squareRoot()
        for j in 0..<pca.count {
            XCTAssertEqual(pca.variances[j], naive.variances[j], accuracy: 1e-10 * naive.variances[0], file: file, line: line)
            var dot = 0.0
            for i in 0..<pca.scores.rows { dot += pca.scores[i, j] * naive.scores[i, j] }
            let sign: Double = dot < 0 ? -1 : 1
            for i in 0..<pca.scores.rows {
                XCTAssertEqual(pca.scores[i, j], sign * naive.scores[i, j], accuracy: 1e-9 * scale, file: file, line: line)
            }
        }
        XCTAssertEqual(pca.variances, pca.variances.sorted(by: >), file: file, line: line)
    }

    /// Scores and variances against the explicit covariance: p < n (covariance path), p > n (Gram path).
    func testMatchesNaiveCovarianceReference() throws {
        for (sizes, p, q) in [([10, 10, 10, 10], 8, 3), ([5, 5, 5], 30, 5), ([7, 7, 6], 600, 8)] {
            let (x, _) = anisotropic(sizes: sizes, dimension: p, seed: UInt64(p))
            let pca = try PrincipalComponents(x, components: q)
            let naive = try NaivePrincipalComponents(x, components: q)
            assertScoresMatch(pca, naive)
            XCTAssertEqual(pca.totalVariance, naive.variances.reduce(0, +), accuracy: 1e-11 * pca.totalVariance)
        }
    }

    /// The Gram matrix accumulated over many tiles (the last one partial) gives the same components.
    func testGramTilesMatchNaiveReference() throws {
        let (x, _) = anisotropic(sizes: [7, 7, 6], dimension: 600, seed: 61)
        let naive = try NaivePrincipalComponents(x, components: 8)
        for tile in [1, 7, 64, 599] {
            let pca = try x.storage.withUnsafeBufferPointer { buffer in
                try PrincipalComponents(buffer, count: x.rows, dimension: x.cols, components: 8,
                                        relativeTolerance: nil, tileColumns: tile)
            }
            assertScoresMatch(pca, naive)
        }
    }

    /// Float32 features go through the same Float64 arithmetic: bitwise the same as their widened copy.
    func testFloatFeaturesMatchTheirWidenedCopy() throws {
        for p in [5, 300] {
            let (x, _) = anisotropic(sizes: [8, 8, 8], dimension: p, seed: 21)
            let single = SyntheticClasses.single(x)
            let fromFloat = try PrincipalComponents(single, components: 4)
            let fromDouble = try PrincipalComponents(single.toDouble(), components: 4)
            XCTAssertEqual(fromFloat.scores, fromDouble.scores)
            XCTAssertEqual(fromFloat.variances, fromDouble.variances)
        }
    }

    /// With q ≥ rank of the centred features the scores are those features in an orthonormal basis of
    /// their span, so D is unchanged; all components are returned, however many more are asked for.
    func testFuzzinessUnchangedWhenAllComponentsKept() throws {
        // p < n: rank p.
        let small = SyntheticClasses.make(sizes: [15, 12, 18, 9], dimension: 6, spread: 0.8, seed: 31)
        // p > n: rank n − 1.
        let wide = SyntheticClasses.make(sizes: [10, 10, 10, 10], dimension: 300, spread: 1.5, seed: 32)
        // Rank 5 in 20 dimensions.
        let mixing = SyntheticClasses.make(sizes: [5], dimension: 20, seed: 33).features   // 5 × 20
        let latent = SyntheticClasses.make(sizes: [12, 12, 12, 12], dimension: 5, spread: 1, seed: 34)
        let lowRank = (BLAS.multiply(latent.features, .none, mixing, .none), latent.labels)
        let cases: [(Matrix<Double>, [Int], rank: Int)] = [
            (small.features, small.labels, 6), (wide.features, wide.labels, 39), (lowRank.0, lowRank.1, 5),
        ]
        for (x, labels, rank) in cases {
            let reference = try SeparationFuzziness.compute(x, labels: labels, classCount: 4)
            for q in [rank, rank + 3, 1000] {
                let pca = try PrincipalComponents(x, components: q)
                XCTAssertEqual(pca.count, rank, "p = \(x.cols), q = \(q)")
                let reduced = try SeparationFuzziness.compute(pca.scores, labels: labels, classCount: 4)
                XCTAssertEqual(reduced, reference, accuracy: 1e-9 * reference, "p = \(x.cols), q = \(q)")
                XCTAssertEqual(pca.variances.reduce(0, +), pca.totalVariance, accuracy: 1e-12 * pca.totalVariance)
            }
        }
    }

    /// Reduced below the rank, D of the scores equals the naive p×p D of the naive PCA scores.
    func testReducedFuzzinessMatchesNaiveReference() throws {
        for (sizes, p, q) in [([15, 15, 15, 15], 12, 5), ([8, 8, 7, 7], 80, 6)] {
            let (x, labels) = anisotropic(sizes: sizes, dimension: p, seed: UInt64(40 + p))
            let pca = try PrincipalComponents(x, components: q)
            XCTAssertEqual(pca.count, q)
            let naiveScores = try NaivePrincipalComponents(x, components: q).scores
            let naive = try NaiveFuzzinessReference(features: naiveScores, labels: labels, classCount: 4)
            naive.assertWellPosed()
            let reduced = try SeparationFuzziness.compute(pca.scores, labels: labels, classCount: 4)
            XCTAssertEqual(reduced, naive.value, accuracy: 1e-9 * naive.value, "p = \(p), q = \(q)")
            let full = try SeparationFuzziness.compute(x, labels: labels, classCount: 4)
            XCTAssertNotEqual(reduced, full, accuracy: 1e-3 * full, "the reduction should matter here")
        }
    }

    /// Each column's entry of largest magnitude is positive, so the output does not depend on LAPACK's signs.
    func testScoreSignsAreFixed() throws {
        for p in [4, 50] {
            let (x, _) = anisotropic(sizes: [6, 6, 6], dimension: p, seed: 51)
            let pca = try PrincipalComponents(x, components: 3)
            for j in 0..<pca.count {
                let column = (0..<pca.scores.rows).map { pca.scores[$0, j] }
                let pivot = column.max(by: { abs($0) < abs($1) })!
                XCTAssertGreaterThan(pivot, 0)
            }
        }
    }

    /// No spread, no components: identical points and a single point.
    func testDegenerateFeaturesHaveNoComponents() throws {
        let same = Matrix<Double>(rows: 5, cols: 3, storage: Array(repeating: 2.5, count: 15))
        let inexact = Matrix<Float>(rows: 7, cols: 3, storage: Array(repeating: [0.1, 0.7, -1e6], count: 7).flatMap { $0 })
        let wideSame = Matrix<Double>(rows: 3, cols: 300, storage: (0..<900).map { 0.3 * Double($0 % 300) })
        for x in [same, inexact.toDouble(), wideSame, Matrix<Double>(rows: 1, cols: 4, storage: [1, 2, 3, 4]),
                  Matrix<Double>(rows: 6, cols: 2, storage: [1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2])] {
            let pca = try PrincipalComponents(x, components: 3)
            XCTAssertEqual(pca.count, 0)
            XCTAssertEqual(pca.scores.rows, x.rows)
            XCTAssertEqual(pca.variances, [])
            XCTAssertEqual(pca.totalVariance, 0, accuracy: 1e-20 * x.storage.map { $0 * $0 }.max()!)
        }
        // A single direction of spread: one component.
        let line = Matrix<Double>(rows: 4, cols: 3, storage: [0, 0, 0, 1, 2, 3, 2, 4, 6, 3, 6, 9])
        let pca = try PrincipalComponents(line, components: 3)
        XCTAssertEqual(pca.count, 1)
        XCTAssertEqual(pca.variances[0], 14 * 1.25, accuracy: 1e-12)
    }

    func testBadInputIsAnErrorValue() {
        func expect(_ expected: SeparationError, _ body: () throws -> Void, line: UInt = #line) {
            XCTAssertThrowsError(try body(), line: line) { error in
                XCTAssertEqual(error as? SeparationError, expected, line: line)
                XCTAssertFalse(String(describing: error).isEmpty, line: line)
            }
        }
        let x = Matrix<Float>(rows: 3, cols: 2, storage: [0, 1, 2, 3, 4, 5])
        expect(.emptyInput(count: 0, dimension: 2)) { _ = try PrincipalComponents(Matrix<Float>(rows: 0, cols: 2), components: 1) }
        expect(.emptyInput(count: 3, dimension: 0)) { _ = try PrincipalComponents(Matrix<Double>(rows: 3, cols: 0), components: 1) }
        expect(.invalidComponentCount(0)) { _ = try PrincipalComponents(x, components: 0) }
        expect(.invalidComponentCount(-4)) { _ = try PrincipalComponents(x, components: -4) }
        expect(.invalidTolerance(1)) { _ = try PrincipalComponents(x, components: 1, relativeTolerance: 1) }
        expect(.invalidTolerance(-.infinity)) { _ = try PrincipalComponents(x, components: 1, relativeTolerance: -.infinity) }
        var bad = x
        bad[2, 1] = .infinity
        expect(.nonFiniteFeature(row: 2, column: 1, value: .infinity)) { _ = try PrincipalComponents(bad, components: 1) }
        let huge = Matrix<Double>(rows: 2, cols: 2, storage: [1e200, 0, -1e200, 0])
        XCTAssertThrowsError(try PrincipalComponents(huge, components: 1)) { error in
            guard case .linearAlgebraFailed = error as? SeparationError else { return XCTFail("\(error)") }
        }
    }
}
