import XCTest
import Linalg
@testable import Network

/// BatchNorm2d's interleaved plane sums give exactly the bits of one running sum per plane in index order (the loops
/// they replaced), for every plane count around the group of four, through each output gate, in Float32 and
/// Float64; and they are sums: close to a Float64 reference.
final class PlaneSumsTests: XCTestCase {
    struct Planes<Scalar: NetworkScalar & BinaryFloatingPoint> {
        let count = 37, stride = 41, planes: Int
        let values: [Scalar], outputs: [Scalar], inputs: [Scalar]
        let mean: Scalar = 0.375, inverseStd: Scalar = 1.75

        init(planes: Int) {
            self.planes = planes
            var generator = SeededGenerator(seed: UInt64(planes))
            let n = planes * stride
            values = (0..<n).map { _ in Scalar(4 * generator.nextUnit() - 1.5) }
            outputs = (0..<n).map { _ in Scalar(2 * generator.nextUnit() - 1) }
            inputs = (0..<n).map { _ in Scalar(2 * generator.nextUnit() - 1) }
        }
    }

    /// Gradient sums through `Gate` against one plane at a time, with `reference(dy, y)` for the gate.
    func checkGradientSums<Scalar, Gate: OutputGate>(_ data: Planes<Scalar>, _ gate: Gate.Type,
                                                     reference: (Scalar, Scalar) -> Scalar) {
        var gradient = [Scalar](repeating: -1, count: data.planes), normalized = [Scalar](repeating: -1, count: data.planes)
        PlaneSums.gradientSums(dy: data.values, y: data.outputs, gate: gate, x: data.inputs, mean: data.mean,
                               inverseStd: data.inverseStd, stride: data.stride, planes: data.planes, count: data.count,
                               gradient: &gradient, normalizedGradient: &normalized)
        for p in 0..<data.planes {
            var g: Scalar = 0, n: Scalar = 0
            for k in 0..<data.count {
                let o = p * data.stride + k
                let a = reference(data.values[o], data.outputs[o])
                g += a
                n += a * ((data.inputs[o] - data.mean) * data.inverseStd)
            }
            XCTAssertEqual(gradient[p], g, "gradient, plane \(p) of \(data.planes), \(gate)")
            XCTAssertEqual(normalized[p], n, "normalized, plane \(p) of \(data.planes), \(gate)")
        }
    }

    func check<Scalar: NetworkScalar & BinaryFloatingPoint>(_: Scalar.Type) {
        for planes in 1...9 {
            let data = Planes<Scalar>(planes: planes)
            var squares = [Scalar](repeating: -1, count: planes)
            PlaneSums.squaredDeviations(data.values, stride: data.stride, planes: planes, count: data.count,
                                        mean: data.mean, into: &squares)
            for p in 0..<planes {
                var s: Scalar = 0
                var reference = 0.0
                for k in 0..<data.count {
                    let d = data.values[p * data.stride + k] - data.mean
                    s += d * d
                    reference += Double(d) * Double(d)
                }
                XCTAssertEqual(squares[p], s, "squares, plane \(p) of \(planes)")
                XCTAssertEqual(Double(squares[p]), reference, accuracy: reference * 1e-5)
            }
            checkGradientSums(data, OpenGate.self) { dy, _ in dy }
            checkGradientSums(data, RectifierGate.self) { dy, y in dy * (y > 0 ? 1 : 0) }
            checkGradientSums(data, ResidualRectifierGate.self) { dy, y in y > 0 ? dy : 0 }
        }
    }

    func testSameBitsAsOnePlaneAtATime() {
        check(Float.self)
        check(Double.self)
    }
}
