import Linalg
import XCTest
@testable import Separation

/// NC1, nearest-class-centre accuracy and minority collapse against naive formulas written out here.
final class NeuralCollapseTests: XCTestCase {
    /// NC1 with explicit p×p Σ_W and unweighted Σ_B, pseudo-inverted through the SVD of the p×p matrix.
    private func naiveNC1(_ x: Matrix<Double>, labels: [Int], classCount: Int) throws -> Double {
        let n = x.rows, p = x.cols
        var counts = [Int](repeating: 0, count: classCount)
        var means = Matrix<Double>(rows: classCount, cols: p)
        var global = [Double](repeating: 0, count: p)
        for i in 0..<n {
            counts[labels[i]] += 1
            for j in 0..<p {
                means[labels[i], j] += x[i, j]
                global[j] += x[i, j] / Double(n)
            }
        }
        let present = (0..<classCount).filter { counts[$0] > 0 }
        for k in present { for j in 0..<p { means[k, j] /= Double(counts[k]) } }
        var within = Matrix<Double>(rows: p, cols: p), between = Matrix<Double>(rows: p, cols: p)
        for i in 0..<n {
            let d = (0..<p).map { x[i, $0] - means[labels[i], $0] }
            for a in 0..<p { for b in 0..<p { within[a, b] += d[a] * d[b] / Double(n) } }
        }
        for k in present {
            let d = (0..<p).map { means[k, $0] - global[$0] }
            for a in 0..<p { for b in 0..<p { between[a, b] += d[a] * d[b] / Double(present.count) } }
        }
        let svd = try SingularValueDecomposition(between)
        let s = svd.singularValues
        let cutoff = Double(max(p, present.count)) * Double.ulpOfOne * s[0]
        var trace = 0.0
        // Tr(Σ_W pinv(Σ_B)) with pinv = Σ_j v_j u_jᵀ / s_j over kept j.
        for j in 0..<p where s[j] > cutoff {
            var quadratic = 0.0
            for a in 0..<p { for b in 0..<p { quadratic += svd.u[a, j] * within[a, b] * svd.vt[j, b] } }
            trace += quadratic / s[j]
        }
        return trace / Double(present.count)
    }

    private func naiveNearestCentre(_ x: Matrix<Double>, labels: [Int], classCount: Int) -> Double {
        var sums = [[Double]](repeating: [Double](repeating: 0, count: x.cols), count: classCount)
        var counts = [Int](repeating: 0, count: classCount)
        for i in 0..<x.rows {
            counts[labels[i]] += 1
            for j in 0..<x.cols { sums[labels[i]][j] += x[i, j] }
        }
        var correct = 0
        for i in 0..<x.rows {
            var best = -1, bestDistance = Double.infinity
            for k in 0..<classCount where counts[k] > 0 {
                let distance = (0..<x.cols).reduce(0.0) { total, j in
                    let d = x[i, j] - sums[k][j] / Double(counts[k])
                    return total + d * d
                }
                if distance < bestDistance { (best, bestDistance) = (k, distance) }
            }
            if best == labels[i] { correct += 1 }
        }
        return Double(correct) / Double(x.rows)
    }

    func testNC1MatchesNaiveFormulaBalancedAndImbalanced() throws {
        for (sizes, p) in [([20, 20, 20, 20], 7), ([40, 10, 25, 5, 12], 9), ([30, 30, 30], 40)] {
            let data = SyntheticClasses.make(sizes: sizes, dimension: p, spread: 1.5, seed: UInt64(p))
            let fast = try NeuralCollapse.nc1(data.features, labels: data.labels, classCount: sizes.count)
            let naive = try naiveNC1(data.features, labels: data.labels, classCount: sizes.count)
            XCTAssertEqual(fast, naive, accuracy: 1e-9 * naive, "sizes \(sizes), p \(p)")
            let single = try NeuralCollapse.nc1(SyntheticClasses.single(data.features), labels: data.labels,
                                                classCount: sizes.count)
            XCTAssertEqual(single, naive, accuracy: 1e-5 * naive)
        }
    }

    func testBalancedFuzzinessIsKTimesNC1() throws {
        let data = SyntheticClasses.make(sizes: [25, 25, 25, 25, 25], dimension: 12, seed: 3)
        let d = try SeparationFuzziness.compute(data.features, labels: data.labels, classCount: 5)
        let nc1 = try NeuralCollapse.nc1(data.features, labels: data.labels, classCount: 5)
        XCTAssertEqual(d, 5 * nc1, accuracy: 1e-10 * d)
    }

    func testNearestClassCentreAccuracyMatchesNaive() throws {
        for spread in [0.3, 1.0, 3.0] {
            let data = SyntheticClasses.make(sizes: [30, 18, 25, 9], dimension: 6, spread: spread, seed: 11)
            let fast = try NeuralCollapse.nearestClassCentreAccuracy(data.features, labels: data.labels, classCount: 4)
            XCTAssertEqual(fast, naiveNearestCentre(data.features, labels: data.labels, classCount: 4), "spread \(spread)")
        }
        let separated = SyntheticClasses.make(sizes: [10, 10, 10], dimension: 4, spread: 1e-3, seed: 2)
        XCTAssertEqual(try NeuralCollapse.nearestClassCentreAccuracy(separated.features, labels: separated.labels,
                                                                     classCount: 3), 1)
    }

    func testMinorityCollapseCosinesMatchNaive() throws {
        let sizes = [50, 50, 10, 10, 10]
        let data = SyntheticClasses.make(sizes: sizes, dimension: 8, seed: 5)
        var rng = SeededGenerator(seed: 9)
        let weights = Matrix<Double>(rows: 5, cols: 8, storage: (0..<40).map { _ in rng.normal() })
        XCTAssertEqual(MinorityCollapse.minorityClasses(counts: sizes), [2, 3, 4])
        XCTAssertEqual(MinorityCollapse.minorityClasses(counts: [7, 7, 7]), [])
        let measured = try MinorityCollapse.measure(features: SyntheticClasses.single(data.features), labels: data.labels,
                                                    classifier: weights, classes: [2, 3, 4])
        // Naive: centred means from Float32-rounded features, cosines pair by pair.
        let x = SyntheticClasses.single(data.features).toDouble()
        let global = (0..<8).map { j in (0..<x.rows).reduce(0.0) { $0 + x[$1, j] } / Double(x.rows) }
        func centredMean(_ k: Int) -> [Double] {
            let rows = (0..<x.rows).filter { data.labels[$0] == k }
            return (0..<8).map { j in rows.reduce(0.0) { $0 + x[$1, j] } / Double(rows.count) - global[j] }
        }
        func cosine(_ a: [Double], _ b: [Double]) -> Double {
            let dot = zip(a, b).map(*).reduce(0, +)
            return dot / (a.map { $0 * $0 }.reduce(0, +).squareRoot() * b.map { $0 * $0 }.reduce(0, +).squareRoot())
        }
        let pairs = [(2, 3), (2, 4), (3, 4)]
        let featureCosine = pairs.map { cosine(centredMean($0.0), centredMean($0.1)) }.reduce(0, +) / 3
        let classifierCosine = pairs.map { cosine(weights.row($0.0), weights.row($0.1)) }.reduce(0, +) / 3
        XCTAssertEqual(measured.featureCosine, featureCosine, accuracy: 1e-12)
        XCTAssertEqual(measured.classifierCosine, classifierCosine, accuracy: 1e-12)
        XCTAssertEqual(MinorityCollapse.meanPairwiseCosine([[1, 0], [1, 0]]), 1)
        XCTAssertEqual(MinorityCollapse.meanPairwiseCosine([[1, 0], [-1, 0]]), -1)
    }

    func testBadInputThrowsInsteadOfTrapping() {
        let x = Matrix<Double>(rows: 3, cols: 2, storage: [1, 2, 3, 4, 5, .nan])
        XCTAssertThrowsError(try NeuralCollapse.nc1(x, labels: [0, 1, 1], classCount: 2))
        XCTAssertThrowsError(try NeuralCollapse.nc1(Matrix<Double>(rows: 2, cols: 2, storage: [1, 2, 3, 4]),
                                                    labels: [0, 0], classCount: 2))
        XCTAssertThrowsError(try NeuralCollapse.nearestClassCentreAccuracy(Matrix<Double>(rows: 2, cols: 1, storage: [1, 2]),
                                                                           labels: [0, 5], classCount: 2))
        XCTAssertThrowsError(try MinorityCollapse.measure(features: Matrix<Float>(rows: 2, cols: 1, storage: [1, 2]),
                                                          labels: [0, 1], classifier: Matrix<Double>(rows: 2, cols: 3),
                                                          classes: [0, 1]))
    }
}
