import XCTest
import Linalg
@testable import Network

/// The Float32 C kernels (AVX2 or baseline, whichever this CPU runs) against the generic Swift loops:
/// the same bits, for widths that exercise every vector block and remainder.
final class TrainingKernelsTests: XCTestCase {
    let shapes = [(rows: 1, cols: 1), (rows: 3, cols: 7), (rows: 5, cols: 8), (rows: 2, cols: 15), (rows: 4, cols: 16),
                  (rows: 9, cols: 31), (rows: 6, cols: 32), (rows: 17, cols: 33), (rows: 128, cols: 100), (rows: 7, cols: 130)]

    /// Values of both signs and many magnitudes, with exact zeros, so masks and rounding both matter.
    func values(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            if i % 11 == 3 { return 0 }
            let u = generator.nextUnit()
            return Float((2 * u - 1) * pow(10, 4 * generator.nextUnit() - 2))
        }
    }

    func assertSameBits(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        let differing = zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
        XCTAssertEqual(differing, 0, "\(what): \(differing) of \(a.count) values differ", file: file, line: line)
    }

    func testColumnAndSquaredDeviationSumsMatchTheGenericLoops() {
        for (rows, cols) in shapes {
            let x = values(rows * cols, seed: UInt64(rows * 1000 + cols)), mean = values(cols, seed: 7)
            var fast = [Float](repeating: .nan, count: cols), reference = fast
            TrainingKernels.columnSums(x, rows: rows, cols: cols, into: &fast)
            ReferenceKernels.columnSums(x, rows: rows, cols: cols, into: &reference)
            assertSameBits(fast, reference, "column sums \(rows)×\(cols)")
            XCTAssertEqual(Double(reference[cols - 1]), (0..<rows).reduce(0.0) { $0 + Double(x[$1 * cols + cols - 1]) },
                           accuracy: 1e-3 * Double(rows) * 100)
            TrainingKernels.squaredDeviationSums(x, rows: rows, cols: cols, mean: mean, into: &fast)
            ReferenceKernels.squaredDeviationSums(x, rows: rows, cols: cols, mean: mean, into: &reference)
            assertSameBits(fast, reference, "squared deviations \(rows)×\(cols)")
        }
    }

    func testBatchNormPassesMatchTheGenericLoops() {
        for (rows, cols) in shapes {
            let n = rows * cols
            let x = values(n, seed: UInt64(n)), dy = values(n, seed: UInt64(n + 1))
            let mean = values(cols, seed: 2), inv = values(cols, seed: 3).map(abs)
            let gamma = values(cols, seed: 4), beta = values(cols, seed: 5)
            for rectify in [false, true] {
                var xhatFast = [Float](repeating: .nan, count: n), yFast = xhatFast, xhatRef = xhatFast, yRef = xhatFast
                TrainingKernels.batchNormNormalize(x, rows: rows, cols: cols, mean: mean, inverseStd: inv, gamma: gamma,
                                                   beta: beta, rectify: rectify, normalized: &xhatFast, output: &yFast)
                ReferenceKernels.batchNormNormalize(x, rows: rows, cols: cols, mean: mean, inverseStd: inv, gamma: gamma,
                                                    beta: beta, rectify: rectify, normalized: &xhatRef, output: &yRef)
                assertSameBits(xhatFast, xhatRef, "x̂ \(rows)×\(cols)")
                assertSameBits(yFast, yRef, "y \(rows)×\(cols) rectify \(rectify)")
                if rectify { XCTAssertTrue(yRef.contains(0) && yRef.allSatisfy { $0 >= 0 }) }

                let floor: Float = rectify ? 0 : -.infinity
                var sFast = [Float](repeating: .nan, count: cols), tFast = sFast, sRef = sFast, tRef = sFast
                TrainingKernels.batchNormGradientSums(dy, output: yRef, normalized: xhatRef, rows: rows, cols: cols,
                                                      floor: floor, sumGradient: &sFast, sumGradientNormalized: &tFast)
                ReferenceKernels.batchNormGradientSums(dy, output: yRef, normalized: xhatRef, rows: rows, cols: cols,
                                                       floor: floor, sumGradient: &sRef, sumGradientNormalized: &tRef)
                assertSameBits(sFast, sRef, "Σ dy \(rows)×\(cols)")
                assertSameBits(tFast, tRef, "Σ dy·x̂ \(rows)×\(cols)")

                var dxFast = [Float](repeating: .nan, count: n), dxRef = dxFast
                TrainingKernels.batchNormInputGradient(dy, output: yRef, normalized: xhatRef, rows: rows, cols: cols,
                                                       floor: floor, gamma: gamma, inverseStd: inv, meanGradient: sRef,
                                                       meanGradientNormalized: tRef, into: &dxFast)
                ReferenceKernels.batchNormInputGradient(dy, output: yRef, normalized: xhatRef, rows: rows, cols: cols,
                                                        floor: floor, gamma: gamma, inverseStd: inv, meanGradient: sRef,
                                                        meanGradientNormalized: tRef, into: &dxRef)
                assertSameBits(dxFast, dxRef, "dx \(rows)×\(cols) rectify \(rectify)")
            }
        }
    }

    func testUpdatesMatchTheGenericLoops() {
        for count in [1, 7, 8, 9, 100, 10_000] {
            let g = values(count, seed: UInt64(count))
            var pFast = values(count, seed: UInt64(count + 1)), pRef = pFast
            TrainingKernels.sgdUpdate(&pFast, gradient: g, count: count, rate: 0.01, decay: 5e-4)
            ReferenceKernels.sgdUpdate(&pRef, gradient: g, count: count, rate: 0.01, decay: 5e-4)
            assertSameBits(pFast, pRef, "SGD \(count)")
            var vFast = values(count, seed: UInt64(count + 2)), vRef = vFast
            TrainingKernels.momentumUpdate(&pFast, gradient: g, velocity: &vFast, count: count, rate: 0.3, decay: 5e-4, momentum: 0.9)
            ReferenceKernels.momentumUpdate(&pRef, gradient: g, velocity: &vRef, count: count, rate: 0.3, decay: 5e-4, momentum: 0.9)
            assertSameBits(pFast, pRef, "momentum p \(count)")
            assertSameBits(vFast, vRef, "momentum v \(count)")
        }
    }
}
