import XCTest
import Linalg
@testable import Network

/// BatchNorm2d's plane sums. Float64: the interleaved Swift loops give exactly the bits of one running sum per plane
/// in index order, for every plane count around the group of four, through each output gate. Float32: the C kernels
/// give exactly the bits of their sixteen-lane order spelled out in scalar code, for plane lengths around 16, through
/// each gate. Both are sums: close to a Float64 reference.
final class PlaneSumsTests: XCTestCase {
    struct Planes<Scalar: NetworkScalar & BinaryFloatingPoint> {
        let count: Int, stride: Int, planes: Int
        let values: [Scalar], outputs: [Scalar], inputs: [Scalar]
        let mean: Scalar = 0.375, inverseStd: Scalar = 1.75

        init(planes: Int, count: Int = 37) {
            self.planes = planes
            self.count = count
            stride = count + 4
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

    func testFloat64SameBitsAsOnePlaneAtATime() {
        check(Double.self)
    }

    /// Σ values[k], k < count, in the Float32 kernels' order: value k into lane k mod 16 for the largest multiple of
    /// 16, lanes l and l + 8 added, then ((0+4)+(2+6))+((1+5)+(3+7)), then the rest in order.
    static func sixteenLaneSum(_ count: Int, _ value: (Int) -> Float) -> Float {
        var lanes = [Float](repeating: 0, count: 16)
        var k = 0
        while k + 16 <= count {
            for l in 0..<16 { lanes[l] += value(k + l) }
            k += 16
        }
        let h = (0..<8).map { lanes[$0] + lanes[$0 + 8] }
        var total = ((h[0] + h[4]) + (h[2] + h[6])) + ((h[1] + h[5]) + (h[3] + h[7]))
        while k < count {
            total += value(k)
            k += 1
        }
        return total
    }

    func testFloat32KernelsFollowTheirSixteenLaneOrder() {
        for count in [1, 4, 15, 16, 17, 31, 37, 64, 1027] {
            for planes in 1...3 {
                let data = Planes<Float>(planes: planes, count: count)
                var sums = [Float](repeating: -1, count: planes), squares = sums, gradient = sums, normalized = sums
                PlaneSums.sums(data.values, stride: data.stride, planes: planes, count: count, into: &sums)
                PlaneSums.squaredDeviations(data.values, stride: data.stride, planes: planes, count: count,
                                            mean: data.mean, into: &squares)
                for p in 0..<planes {
                    let at = { (k: Int) in data.values[p * data.stride + k] }
                    XCTAssertEqual(sums[p], Self.sixteenLaneSum(count) { at($0) }, "sum, \(count) × \(planes)")
                    XCTAssertEqual(squares[p], Self.sixteenLaneSum(count) { (at($0) - data.mean) * (at($0) - data.mean) },
                                   "squares, \(count) × \(planes)")
                    let reference = (0..<count).reduce(0.0) { $0 + Double(at($1)) }
                    let magnitude = (0..<count).reduce(0.0) { $0 + abs(Double(at($1))) }
                    XCTAssertEqual(Double(sums[p]), reference, accuracy: magnitude * 1e-6)
                }
                func gated<Gate: OutputGate>(_ gate: Gate.Type, _ rule: @escaping (Float, Float) -> Float) {
                    PlaneSums.gradientSums(dy: data.values, y: data.outputs, gate: gate, x: data.inputs, mean: data.mean,
                                           inverseStd: data.inverseStd, stride: data.stride, planes: planes, count: count,
                                           gradient: &gradient, normalizedGradient: &normalized)
                    for p in 0..<planes {
                        let a = { (k: Int) in rule(data.values[p * data.stride + k], data.outputs[p * data.stride + k]) }
                        let xhat = { (k: Int) in (data.inputs[p * data.stride + k] - data.mean) * data.inverseStd }
                        XCTAssertEqual(gradient[p], Self.sixteenLaneSum(count, a), "gradient, \(count) × \(planes), \(gate)")
                        XCTAssertEqual(normalized[p], Self.sixteenLaneSum(count) { a($0) * xhat($0) },
                                       "normalized, \(count) × \(planes), \(gate)")
                    }
                }
                gated(OpenGate.self) { dy, _ in dy }
                gated(RectifierGate.self) { dy, y in dy * (y > 0 ? 1 : 0) }
                gated(ResidualRectifierGate.self) { dy, y in y > 0 ? dy : 0 }
            }
        }
    }
}
