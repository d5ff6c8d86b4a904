import Linalg
import XCTest
@testable import Separation

/// Bad input is reported as a SeparationError value, never a trap.
final class SeparationErrorTests: XCTestCase {
    private let features = Matrix<Float>(rows: 4, cols: 2, storage: [0, 1, 2, 3, 4, 5, 6, 7])

    private func expect(_ expected: SeparationError, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("expected \(expected)", file: file, line: line)
        } catch {
            XCTAssertEqual(error as? SeparationError, expected, file: file, line: line)
            XCTAssertFalse(String(describing: error).isEmpty, file: file, line: line)
        }
    }

    func testInvalidFeatureInputIsReported() {
        expect(.labelOutOfRange(index: 2, label: 5, classCount: 2)) {
            _ = try SeparationFuzziness.compute(features, labels: [0, 1, 5, 0], classCount: 2)
        }
        expect(.labelOutOfRange(index: 0, label: -1, classCount: 2)) {
            _ = try SeparationFuzziness.compute(features, labels: [-1, 1, 0, 0], classCount: 2)
        }
        expect(.labelCountMismatch(expected: 4, found: 3)) {
            _ = try SeparationFuzziness.compute(features, labels: [0, 1, 0], classCount: 2)
        }
        expect(.featureCountMismatch(count: 3, dimension: 2, found: 8)) {
            try features.storage.withUnsafeBufferPointer { buffer in
                _ = try SeparationFuzziness.compute(features: buffer, count: 3, dimension: 2, labels: [0, 1, 0], classCount: 2)
            }
        }
        expect(.featureCountMismatch(count: Int.max, dimension: 2, found: 8)) {
            try features.storage.withUnsafeBufferPointer { buffer in
                _ = try SeparationFuzziness.compute(features: buffer, count: Int.max, dimension: 2, labels: [], classCount: 2)
            }
        }
        expect(.emptyInput(count: 0, dimension: 2)) {
            _ = try SeparationFuzziness.compute(Matrix<Float>(rows: 0, cols: 2), labels: [], classCount: 2)
        }
        expect(.invalidClassCount(1)) {
            _ = try SeparationFuzziness.compute(features, labels: [0, 0, 0, 0], classCount: 1)
        }
        expect(.tooFewClassesPresent(1)) {
            _ = try SeparationFuzziness.compute(features, labels: [2, 2, 2, 2], classCount: 3)
        }
        expect(.invalidTolerance(-1)) {
            _ = try SeparationFuzziness.compute(features, labels: [0, 1, 0, 1], classCount: 2, relativeTolerance: -1)
        }
    }

    func testNonFiniteFeaturesAreReported() {
        for bad in [Float.nan, .infinity, -.infinity] {
            var x = features
            x[2, 1] = bad
            do {
                _ = try SeparationFuzziness.compute(x, labels: [0, 1, 0, 1], classCount: 2)
                XCTFail("accepted \(bad)")
            } catch {
                guard case let .nonFiniteFeature(row, column, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual([row, column], [2, 1])
            }
        }
    }

    func testCoincidingClassMeansAreReported() {
        let x = Matrix<Float>(rows: 4, cols: 2, storage: [1, 2, 3, 4, 1, 2, 3, 4])
        expect(.classMeansCoincide) {
            _ = try SeparationFuzziness.compute(x, labels: [0, 0, 1, 1], classCount: 2)
        }
    }

    func testLayerErrorsNameTheLayer() {
        let bad = Matrix<Float>(rows: 4, cols: 2, storage: [1, 2, 1, 2, 1, 2, 1, 2])
        expect(.inLayer(index: 1, underlying: .classMeansCoincide)) {
            _ = try LayerSeparation.measure(layers: [features, bad], labels: [0, 1, 0, 1], classCount: 2)
        }
    }
}
