import XCTest
import Linalg
@testable import Network

/// The unrolled dense-matrix convolution (``UnrolledConvolution``) in Float32 against the im2col path on the same
/// layer and data, on one and two threads; bitwise repeatable for a thread count; batch 0; which layers choose it.
/// (Its Float64 gradients against finite differences and forward against reference loops: SpatialLayerGradientTests.)
final class UnrolledConvolutionTests: XCTestCase {
    struct Case {
        var channels: Int, outputs: Int, height: Int, width: Int, kernel: Int, stride = 1, padding: Int
        var bias = true
    }

    static let cases: [Case] = [
        Case(channels: 64, outputs: 64, height: 4, width: 4, kernel: 5, padding: 2),      // ⅛-width VGG13
        Case(channels: 64, outputs: 64, height: 2, width: 2, kernel: 5, padding: 2, bias: false),
        Case(channels: 5, outputs: 3, height: 3, width: 4, kernel: 3, padding: 1),
        Case(channels: 3, outputs: 7, height: 5, width: 5, kernel: 3, stride: 2, padding: 1),
        Case(channels: 2, outputs: 4, height: 4, width: 3, kernel: 3, padding: 0),        // 2 × 1 output
    ]

    let batch = 7

    func makeLayer(_ c: Case, algorithm: ConvolutionAlgorithm, threads: Int = 1) -> Conv2d<Float> {
        let layer = Conv2d<Float>(input: TensorShape(channels: c.channels, height: c.height, width: c.width),
                                  outputChannels: c.outputs, kernel: c.kernel, stride: c.stride, padding: c.padding,
                                  bias: c.bias, maxBatch: batch, name: "c", groupSize: nil, algorithm: algorithm)
        XCTAssertEqual(layer.algorithm, algorithm, "\(c)")
        var generator = SeededGenerator(seed: 13)
        layer.initialize(using: &generator)
        layer.team = ThreadTeam(threads: threads)
        return layer
    }

    /// y, dx, dW, db of one forward and backward pass on fixed data.
    func run(_ layer: Conv2d<Float>, batch: Int) -> [[Float]] {
        let x = FiniteDifference.random(self.batch * layer.inputShape.count, seed: 61).map(Float.init)
        let dy = FiniteDifference.random(self.batch * layer.outputShape.count, seed: 62).map(Float.init)
        let y = x.withUnsafeBufferPointer {
            Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: batch * layer.outputShape.count))
        }
        // A layer without an input gradient holds no buffer for it: read dx only when it was computed.
        let dx = dy.withUnsafeBufferPointer { dy in
            let dx = layer.backward(dy.baseAddress!, batch: batch)
            return layer.needsInputGradient ? Array(UnsafeBufferPointer(start: dx, count: batch * layer.inputShape.count)) : []
        }
        return [y, dx, Array(layer.weight.gradient.buffer), layer.bias.map { Array($0.gradient.buffer) } ?? []]
    }

    func testAgreesWithIm2colOnOneAndTwoThreads() {
        for c in Self.cases {
            let expected = run(makeLayer(c, algorithm: .im2col), batch: batch)
            for threads in [1, 2] {
                let got = run(makeLayer(c, algorithm: .unrolled, threads: threads), batch: batch)
                for (name, (a, b)) in zip(["y", "dx", "dW", "db"], zip(got, expected)) {
                    XCTAssertEqual(a.count, b.count, "\(name) \(c)")
                    let scale = max(b.map(abs).max() ?? 0, 1e-30)
                    let error = zip(a, b).map { abs($0 - $1) }.max() ?? 0
                    XCTAssertLessThan(error / scale, 1e-5, "\(name) \(c), \(threads) threads")
                }
            }
        }
    }

    func testRepeatableAndEdgeBatches() {
        let c = Self.cases[2]
        for threads in [1, 2] {
            let layer = makeLayer(c, algorithm: .unrolled, threads: threads)
            let first = run(layer, batch: batch)
            XCTAssertEqual(run(layer, batch: batch), first, "\(threads) threads")
            layer.needsInputGradient = false
            XCTAssertEqual(run(layer, batch: batch)[2], first[2])
            let empty = run(layer, batch: 0)
            XCTAssertTrue(empty[2].allSatisfy { $0 == 0 }, "batch 0 clears dW")
        }
    }

    /// Planes of at most k² values whose matrix fits run unrolled; larger planes or matrices do not.
    func testChoice() {
        func algorithm(_ channels: Int, _ size: Int, _ outputs: Int, kernel: Int = 5) -> ConvolutionAlgorithm {
            Conv2d<Float>(input: TensorShape(channels: channels, height: size, width: size), outputChannels: outputs,
                          kernel: kernel, padding: kernel / 2, maxBatch: 2, name: "c").algorithm
        }
        XCTAssertEqual(algorithm(64, 4, 64), .unrolled)
        XCTAssertEqual(algorithm(32, 4, 64), .unrolled)
        XCTAssertEqual(algorithm(512, 2, 512), .unrolled)      // full-width VGG13's 2×2: 2048² entries
        XCTAssertEqual(algorithm(512, 4, 512), .im2col)        // 8192²: too large
        XCTAssertEqual(algorithm(32, 8, 32), .direct)          // 64 values > 25
        XCTAssertEqual(algorithm(8, 3, 8, kernel: 3), .unrolled)
        XCTAssertEqual(algorithm(8, 4, 8, kernel: 3), .im2col)  // 16 values > 9, 4 wide
        XCTAssertEqual(algorithm(8, 1, 8, kernel: 1), .im2col)  // a single value: a pointwise product already
    }
}
