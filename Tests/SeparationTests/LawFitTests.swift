import Foundation
import XCTest
@testable import Separation

final class LawFitTests: XCTestCase {
    func testGeometricDecayIsRecoveredExactly() throws {
        for (d0, rho, layers) in [(3.2, 0.6, 8), (150.0, 0.93, 21), (0.01, 0.2, 4)] {
            let values = (0..<layers).map { d0 * pow(rho, Double($0)) }
            let fit = try LawFit(fuzziness: values)
            XCTAssertEqual(fit.rho, rho, accuracy: 1e-12 * rho)
            XCTAssertEqual(fit.slope, log(rho), accuracy: 1e-12)
            XCTAssertEqual(fit.intercept, log(d0), accuracy: 1e-12)
            XCTAssertEqual(fit.pearsonR, -1, accuracy: 1e-12)
            XCTAssertEqual(fit.r2, 1, accuracy: 1e-12)
            XCTAssertEqual(fit.predictedLog(at: layers - 1), log(values[layers - 1]), accuracy: 1e-12)
        }
        let growing = try LawFit(fuzziness: [1, 2, 4, 8])
        XCTAssertEqual(growing.rho, 2, accuracy: 1e-12)
        XCTAssertEqual(growing.pearsonR, 1, accuracy: 1e-12)
    }

    /// A noisy sequence against OLS computed by hand (normal equations, Cramer's rule).
    func testNoisySequenceMatchesHandComputedOLS() throws {
        let logs = [0.0, -0.9, -1.3, -2.6, -3.1, -3.3]
        let fit = try LawFit(fuzziness: logs.map { exp($0) })
        // Σx = 15, Σx² = 55, Σy = -11.2, Σxy = 0 - 0.9 - 2.6 - 7.8 - 12.4 - 16.5 = -40.2, Σy² = 29.76, n = 6.
        let n = 6.0, sx = 15.0, sxx = 55.0, sy = -11.2, sxy = -40.2, syy = 29.76
        let determinant = n * sxx - sx * sx                        // 105
        let slope = (n * sxy - sx * sy) / determinant              // (-241.2 + 168) / 105
        let intercept = (sxx * sy - sx * sxy) / determinant        // (-616 + 603) / 105
        let r = (n * sxy - sx * sy) / ((n * sxx - sx * sx) * (n * syy - sy * sy)).squareRoot()
        XCTAssertEqual(slope, -73.2 / 105, accuracy: 1e-14)
        XCTAssertEqual(fit.slope, slope, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, intercept, accuracy: 1e-12)
        XCTAssertEqual(fit.rho, exp(slope), accuracy: 1e-12)
        XCTAssertEqual(fit.pearsonR, r, accuracy: 1e-12)
        XCTAssertEqual(fit.r2, r * r, accuracy: 1e-12)
        XCTAssertGreaterThan(fit.pearsonR, -1)
        XCTAssertLessThan(fit.pearsonR, -0.9)
    }

    /// Constant D: slope 0, ρ = 1, r defined as 0 and R² as 1 (the flat line fits exactly).
    func testConstantSequence() throws {
        let fit = try LawFit(fuzziness: [2.5, 2.5, 2.5])
        XCTAssertEqual(fit.slope, 0)
        XCTAssertEqual(fit.rho, 1)
        XCTAssertEqual(fit.pearsonR, 0)
        XCTAssertEqual(fit.r2, 1)
    }

    func testInvalidSequencesAreReported() {
        let cases: [([Double], SeparationError)] = [
            ([], .tooFewLayers(0)),
            ([1.0], .tooFewLayers(1)),
            ([1.0, 0.0, 0.5], .nonPositiveFuzziness(layer: 1, value: 0)),
            ([1.0, 0.5, -0.1], .nonPositiveFuzziness(layer: 2, value: -0.1)),
            ([.infinity, 0.5], .nonPositiveFuzziness(layer: 0, value: .infinity)),
        ]
        for (values, expected) in cases {
            XCTAssertThrowsError(try LawFit(fuzziness: values)) { error in
                XCTAssertEqual(error as? SeparationError, expected)
            }
        }
        XCTAssertThrowsError(try LawFit(fuzziness: [1, .nan]))
    }

    func testJSONUsesSnakeCaseKeysAndRoundTrips() throws {
        let fit = try LawFit(fuzziness: [4, 2, 1.1])
        let data = try JSONEncoder().encode(fit)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Double])
        XCTAssertEqual(Set(object.keys), ["rho", "slope", "intercept", "pearson_r", "r2"])
        XCTAssertEqual(try XCTUnwrap(object["pearson_r"]), fit.pearsonR, accuracy: 1e-15)
        XCTAssertEqual(try JSONDecoder().decode(LawFit.self, from: data), fit)
    }

    func testLayerSeparationMeasuresEachLayerAndFits() throws {
        let (x, labels) = SyntheticClasses.make(sizes: [10, 10, 10], dimension: 5, seed: 21)
        let layers = [1.0, 0.5, 0.25].map { spread in
            SyntheticClasses.single(SyntheticClasses.make(sizes: [10, 10, 10], dimension: 5, spread: spread, seed: 21).features)
        }
        let measured = try LayerSeparation.measure(layers: layers, labels: labels, classCount: 3)
        XCTAssertEqual(measured.fuzziness.count, 3)
        XCTAssertEqual(measured.fuzziness[0], try SeparationFuzziness.compute(SyntheticClasses.single(x), labels: labels, classCount: 3))
        XCTAssertEqual(measured.fit, try LawFit(fuzziness: measured.fuzziness))
        XCTAssertLessThan(measured.fit.slope, 0)
    }
}
