import XCTest
import Linalg
@testable import Network

/// BatchNorm2d's interleaved plane sums give exactly the bits of one running sum per plane in index order (the loops
/// they replaced), for every plane count around the group of four, in Float32 and Float64; and they are sums: close to
/// a Float64 reference.
final class PlaneSumsTests: XCTestCase {
    func check<Scalar: NetworkScalar & BinaryFloatingPoint>(_: Scalar.Type) {
        let count = 37, stride = 41
        for planes in 1...9 {
            var generator = SeededGenerator(seed: UInt64(planes))
            let values = (0..<(planes * stride)).map { _ in Scalar(4 * generator.nextUnit() - 1.5) }
            let outputs = (0..<(planes * stride)).map { _ in Scalar(2 * generator.nextUnit() - 1) }
            let inputs = (0..<(planes * stride)).map { _ in Scalar(2 * generator.nextUnit() - 1) }
            let mean: Scalar = 0.375, inverseStd: Scalar = 1.75
            var squares = [Scalar](repeating: -1, count: planes)
            PlaneSums.squaredDeviations(values, stride: stride, planes: planes, count: count, mean: mean, into: &squares)
            for gate in [OutputGate.open, .rectifier, .residualRectifier] {
                var gradient = [Scalar](repeating: -1, count: planes), normalized = [Scalar](repeating: -1, count: planes)
                PlaneSums.gradientSums(dy: values, y: outputs, gate: gate, x: inputs, mean: mean,
                                       inverseStd: inverseStd, stride: stride, planes: planes, count: count,
                                       gradient: &gradient, normalizedGradient: &normalized)
                for p in 0..<planes {
                    var g: Scalar = 0, n: Scalar = 0
                    for k in 0..<count {
                        let o = p * stride + k
                        let a: Scalar
                        switch gate {
                        case .open: a = values[o]
                        case .rectifier: a = values[o] * (outputs[o] > 0 ? 1 : 0)
                        case .residualRectifier: a = outputs[o] > 0 ? values[o] : 0
                        }
                        g += a
                        n += a * ((inputs[o] - mean) * inverseStd)
                    }
                    XCTAssertEqual(gradient[p], g, "gradient, plane \(p) of \(planes), gate \(gate)")
                    XCTAssertEqual(normalized[p], n, "normalized, plane \(p) of \(planes), gate \(gate)")
                }
            }
            for p in 0..<planes {
                var s: Scalar = 0
                var reference = 0.0
                for k in 0..<count {
                    let d = values[p * stride + k] - mean
                    s += d * d
                    reference += Double(d) * Double(d)
                }
                XCTAssertEqual(squares[p], s, "squares, plane \(p) of \(planes)")
                XCTAssertEqual(Double(squares[p]), reference, accuracy: reference * 1e-5)
            }
        }
    }

    func testSameBitsAsOnePlaneAtATime() {
        check(Float.self)
        check(Double.self)
    }
}
