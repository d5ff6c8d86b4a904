import XCTest
import Linalg
@testable import Network

/// The Float32 max-pooling kernel (a row pass and a column pass, eight outputs at a time, rows copied between −∞
/// margins) against a naive window-by-window reference written here: the same values and the same routed
/// gradients, bit for bit, with ties, NaNs and infinities in the input (windows of −∞ keep their first position in
/// the plane), for every kernel, stride and padding PyTorch accepts on planes from 1 to 41 columns wide, keeping
/// positions (training) and not (evaluation).
final class MaxPoolKernelTests: XCTestCase {
    /// max over the window (padding −∞), first maximum in row-major order, a NaN taking over; the position.
    private func reference(_ x: [Float], channels: Int, height: Int, width: Int, kernel: Int, stride: Int,
                           padding: Int, outHeight: Int, outWidth: Int) -> (values: [Float], positions: [Int]) {
        var values: [Float] = [], positions: [Int] = []
        for c in 0..<channels {
            for oh in 0..<outHeight {
                for ow in 0..<outWidth {
                    var best = -Float.infinity
                    var position: Int?  // the window's first position in the plane keeps a −∞ maximum
                    for i in 0..<kernel {
                        for j in 0..<kernel {
                            let ih = oh * stride - padding + i, iw = ow * stride - padding + j
                            guard ih >= 0, ih < height, iw >= 0, iw < width else { continue }
                            let v = x[(c * height + ih) * width + iw]
                            if position == nil || v > best || v.isNaN {
                                if v > best || v.isNaN { best = v }
                                position = ih * width + iw
                            }
                        }
                    }
                    values.append(best)
                    positions.append(c * height * width + (position ?? 0))
                }
            }
        }
        return (values, positions)
    }

    private func input(count: Int, seed: UInt64) -> [Float] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            switch generator.next() % 40 {
            case 0: return .nan
            case 1: return -.infinity
            case 2: return .infinity
            default: return Float(Int(generator.next() % 7) - 3)  // few distinct values: many ties
            }
        }
    }

    func testKernelMatchesTheNaiveWindowLoop() {
        var checked = 0
        for width in [1, 2, 3, 5, 8, 9, 12, 16, 17, 23, 32, 41] {
            for height in [1, 4, 7] {
                for kernel in 1...5 {
                    for stride in 1...3 {
                        for padding in 0...(kernel / 2) {
                            let shape = TensorShape(channels: 3, height: height, width: width)
                            guard let out = MaxPool2d<Float>.outputShape(input: shape, kernel: kernel, stride: stride,
                                                                         padding: padding) else { continue }
                            let batch = 2
                            let layer = MaxPool2d<Float>(input: shape, kernel: kernel, stride: stride, padding: padding,
                                                         maxBatch: batch)
                            let x = input(count: batch * shape.count, seed: UInt64(checked + 1))
                            let y = x.withUnsafeBufferPointer {
                                Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch),
                                                          count: batch * out.count))
                            }
                            var expected: [Float] = [], positions: [Int] = []
                            for example in 0..<batch {
                                let slice = Array(x[(example * shape.count)..<((example + 1) * shape.count)])
                                let r = reference(slice, channels: 3, height: height, width: width, kernel: kernel,
                                                  stride: stride, padding: padding, outHeight: out.height,
                                                  outWidth: out.width)
                                expected += r.values
                                positions += r.positions.map { example * shape.count + $0 }
                            }
                            let label = "width \(width) height \(height) kernel \(kernel) stride \(stride) padding \(padding)"
                            XCTAssertEqual(y.map(\.bitPattern), expected.map(\.bitPattern), label)
                            // Evaluation keeps no positions and gives the same values.
                            let evaluated = x.withUnsafeBufferPointer {
                                Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch, mode: .eval),
                                                          count: batch * out.count))
                            }
                            XCTAssertEqual(evaluated.map(\.bitPattern), expected.map(\.bitPattern), label + " (eval)")
                            _ = x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batch: batch) }
                            // Backward routes output o's gradient (o + 1) to the recorded position.
                            let dy = (0..<(batch * out.count)).map { Float($0 + 1) }
                            let dx = dy.withUnsafeBufferPointer {
                                Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch),
                                                          count: batch * shape.count))
                            }
                            var routed = [Float](repeating: 0, count: batch * shape.count)
                            for (o, position) in positions.enumerated() { routed[position] += dy[o] }
                            XCTAssertEqual(dx, routed, label)
                            checked += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }

    /// A minimal seeded generator (SplitMix64) so the inputs are the same on every run.
    private struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
