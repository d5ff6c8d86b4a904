import Foundation
import XCTest
import Linalg
@testable import Network

/// The convolutional leaf layers (NCHW): backward against central finite differences in Float64,
/// forward against direct reference loops, and PyTorch's shape rules.
final class SpatialLayerGradientTests: XCTestCase {
    let batch = 5

    struct ConvolutionCase {
        var input: TensorShape
        var outputs: Int
        var kernel: Int
        var stride = 1
        var padding = 0
        var bias = true
        /// nil: the layer's own choice (G·Ho·Wo ≥ 256, clamped to the batch).
        var group: Int? = nil
    }

    /// Kernel 1/3/5, stride 1/2/3, padding 0/1/2, with and without bias, G = 1, G > 1 with a partial
    /// last group, the automatic G, non-square inputs.
    static let convolutionCases: [ConvolutionCase] = [
        ConvolutionCase(input: shape(2, 5, 7), outputs: 3, kernel: 1, group: 1),                 // pointwise, in place
        ConvolutionCase(input: shape(2, 5, 7), outputs: 3, kernel: 1, bias: false),              // pointwise, grouped
        ConvolutionCase(input: shape(2, 4, 6), outputs: 3, kernel: 1, stride: 2, group: 2),
        ConvolutionCase(input: shape(3, 6, 5), outputs: 4, kernel: 3, padding: 1, group: 1),
        ConvolutionCase(input: shape(3, 6, 5), outputs: 4, kernel: 3, stride: 2, group: 2),
        ConvolutionCase(input: shape(1, 5, 4), outputs: 3, kernel: 3, stride: 2, padding: 1, group: 1),
        ConvolutionCase(input: shape(2, 3, 3), outputs: 2, kernel: 3, padding: 2, bias: false, group: 3),
        ConvolutionCase(input: shape(2, 7, 7), outputs: 2, kernel: 3, stride: 3, padding: 1),
        ConvolutionCase(input: shape(2, 7, 6), outputs: 3, kernel: 5, padding: 2, bias: false, group: 3),
        ConvolutionCase(input: shape(2, 8, 7), outputs: 2, kernel: 5, stride: 2, padding: 2),
        ConvolutionCase(input: shape(2, 5, 6), outputs: 3, kernel: 5, group: 2),                 // 1×2 output
    ]

    static func shape(_ c: Int, _ h: Int, _ w: Int) -> TensorShape { TensorShape(channels: c, height: h, width: w) }

    /// The layer of case `c` on `algorithm` (im2col unless said: these cases are the im2col path's; the unrolled dense
    /// matrix is checked on the same cases by the tests that loop over both).
    func makeConvolution(_ c: ConvolutionCase, seed: UInt64 = 3, group: Int?? = nil,
                         algorithm: ConvolutionAlgorithm = .im2col) -> Conv2d<Double> {
        let layer = Conv2d<Double>(input: c.input, outputChannels: c.outputs, kernel: c.kernel, stride: c.stride,
                                   padding: c.padding, bias: c.bias, maxBatch: batch, name: "conv", groupSize: group ?? c.group,
                                   algorithm: algorithm)
        XCTAssertEqual(layer.algorithm, algorithm, "\(c)")
        var generator = SeededGenerator(seed: seed)
        layer.initialize(using: &generator)
        return layer
    }

    // MARK: - Conv2d

    func testConv2dGradients() {
        for c in Self.convolutionCases {
            for algorithm in [ConvolutionAlgorithm.im2col, .unrolled] {
                let layer = makeConvolution(c, algorithm: algorithm)
                if c.group == nil { XCTAssertGreaterThan(layer.groupSize, 1, "\(c)") }
                // Up to 630 outputs: the finite differences carry ~1e-8 of rounding noise (see `check`).
                check(inputCount: batch * c.input.count, outputCount: batch * layer.outputShape.count, parameters: layer.parameters,
                      tolerance: 1e-5,
                      forward: { layer.forward($0, batch: self.batch) },
                      backward: { layer.backward($0, batch: self.batch) })
            }
        }
    }

    /// The first layer skips its input gradient; its parameter gradients are unchanged.
    func testConv2dWithoutInputGradient() {
        for c in [Self.convolutionCases[0], Self.convolutionCases[4], Self.convolutionCases[9]] {
            for algorithm in [ConvolutionAlgorithm.im2col, .unrolled] {
                let layer = makeConvolution(c, algorithm: algorithm)
                layer.needsInputGradient = false
                check(inputCount: batch * c.input.count, outputCount: batch * layer.outputShape.count, parameters: layer.parameters,
                      tolerance: 1e-5,
                      forward: { layer.forward($0, batch: self.batch) },
                      backward: { _ = layer.backward($0, batch: self.batch); return nil })
            }
        }
    }

    /// y[n, o, i, j] = b[o] + Σ_c Σ_ki Σ_kj W[o, c, ki, kj] · x[n, c, i·s − p + ki, j·s − p + kj], zero outside.
    func testConv2dForwardMatchesDirectConvolution() {
        for c in Self.convolutionCases {
            for algorithm in [ConvolutionAlgorithm.im2col, .unrolled] {
                let layer = makeConvolution(c, algorithm: algorithm)
                let out = layer.outputShape
                let x = FiniteDifference.random(batch * c.input.count, seed: 5)
                let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: batch * out.count)) }
                let w = Array(layer.weight.value.buffer), b = layer.bias.map { Array($0.value.buffer) }
                let (ch, h, wd, k) = (c.input.channels, c.input.height, c.input.width, c.kernel)
                var worst = 0.0
                for n in 0..<batch {
                    for o in 0..<out.channels {
                        for i in 0..<out.height {
                            for j in 0..<out.width {
                                var sum = b?[o] ?? 0
                                for cc in 0..<ch {
                                    for ki in 0..<k {
                                        for kj in 0..<k {
                                            let r = i * c.stride - c.padding + ki, s = j * c.stride - c.padding + kj
                                            guard r >= 0, r < h, s >= 0, s < wd else { continue }
                                            sum += w[((o * ch + cc) * k + ki) * k + kj] * x[((n * ch + cc) * h + r) * wd + s]
                                        }
                                    }
                                }
                                let got = y[((n * out.channels + o) * out.height + i) * out.width + j]
                                worst = max(worst, abs(got - sum))
                            }
                        }
                    }
            }
            XCTAssertLessThan(worst, 1e-12, "\(c) \(algorithm)")
            }
        }
    }

    /// Output, input gradient and parameter gradients do not depend on how many examples share a GEMM.
    func testConv2dIndependentOfGroupSize() {
        for c in [Self.convolutionCases[1], Self.convolutionCases[4], Self.convolutionCases[7], Self.convolutionCases[8]] {
            func run(_ group: Int) -> [[Double]] {
                let layer = makeConvolution(c, group: .some(group))
                XCTAssertEqual(layer.groupSize, group)
                let x = FiniteDifference.random(batch * c.input.count, seed: 6)
                let dy = FiniteDifference.random(batch * layer.outputShape.count, seed: 7)
                let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
                let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
                return [y, dx] + layer.parameters.map { Array($0.gradient.buffer) }
            }
            let reference = run(1)
            for group in 2...batch {
                for (got, expected) in zip(run(group), reference) {
                    XCTAssertLessThan(FiniteDifference.maxRelativeError(got, expected), 1e-12, "\(c), G = \(group)")
                }
            }
        }
    }

    /// The automatic group size: the smallest G with G·Ho·Wo ≥ 256, at most maxBatch, 1 for large outputs.
    func testConv2dGroupSizeChoice() {
        let big = Conv2d<Float>(input: Self.shape(3, 32, 32), outputChannels: 4, kernel: 5, padding: 2, maxBatch: 128, name: "c")
        XCTAssertEqual(big.groupSize, 1)
        let small = Conv2d<Float>(input: Self.shape(3, 8, 8), outputChannels: 4, kernel: 3, padding: 1, maxBatch: 128, name: "c")
        XCTAssertEqual(small.groupSize, 4)
        let tiny = Conv2d<Float>(input: Self.shape(3, 2, 2), outputChannels: 4, kernel: 3, padding: 1, maxBatch: 10, name: "c")
        XCTAssertEqual(tiny.groupSize, 10)
    }

    /// PyTorch's default initialisation draws like a Linear layer with fan_in = C·k·k: weights (O × C × k × k) then biases.
    func testConv2dInitializationMatchesDense() {
        let conv = Conv2d<Double>(input: Self.shape(3, 6, 6), outputChannels: 4, kernel: 3, maxBatch: 1, name: "c")
        let dense = Dense<Double>(inputDimension: 27, outputDimension: 4, maxBatch: 1, name: "d")
        var g1 = SeededGenerator(seed: 42), g2 = SeededGenerator(seed: 42)
        conv.initialize(using: &g1)
        dense.initialize(using: &g2)
        XCTAssertEqual(Array(conv.weight.value.buffer), Array(dense.weight.value.buffer))
        XCTAssertEqual(conv.bias.map { Array($0.value.buffer) }, Array(dense.bias.value.buffer))
        XCTAssertEqual(conv.parameters.map(\.name), ["c.weight", "c.bias"])
        let bound = 1 / 27.0.squareRoot()
        XCTAssertTrue(conv.weight.value.buffer.allSatisfy { abs($0) <= bound })
        let noBias = Conv2d<Double>(input: Self.shape(3, 6, 6), outputChannels: 4, kernel: 3, bias: false, maxBatch: 1, name: "n")
        XCTAssertEqual(noBias.parameters.map(\.name), ["n.weight"])
        XCTAssertEqual(conv.forwardFlopsPerExample, 2 * 4 * 16 * 27)
    }

    func testConv2dOutputShape() {
        let input = Self.shape(16, 32, 32)
        XCTAssertEqual(Conv2d<Float>.outputShape(input: input, outputChannels: 64, kernel: 5, padding: 2), Self.shape(64, 32, 32))
        XCTAssertEqual(Conv2d<Float>.outputShape(input: Self.shape(3, 10, 7), outputChannels: 8, kernel: 3, stride: 2), Self.shape(8, 4, 3))
        XCTAssertEqual(Conv2d<Float>.outputShape(input: Self.shape(3, 2, 2), outputChannels: 8, kernel: 5, padding: 2), Self.shape(8, 2, 2))
        XCTAssertEqual(Conv2d<Float>.outputShape(input: Self.shape(3, 2, 2), outputChannels: 8, kernel: 5, padding: 3), Self.shape(8, 4, 4))
        XCTAssertNil(Conv2d<Float>.outputShape(input: Self.shape(3, 2, 2), outputChannels: 8, kernel: 5, padding: 1), "kernel larger than padded input")
        XCTAssertNil(Conv2d<Float>.outputShape(input: Self.shape(3, 9, 2), outputChannels: 8, kernel: 3), "too narrow")
        XCTAssertNil(Conv2d<Float>.outputShape(input: input, outputChannels: 8, kernel: 3, stride: 0))
        XCTAssertNil(Conv2d<Float>.outputShape(input: input, outputChannels: 8, kernel: 0))
        XCTAssertNil(Conv2d<Float>.outputShape(input: input, outputChannels: 0, kernel: 3))
        XCTAssertNil(Conv2d<Float>.outputShape(input: input, outputChannels: 8, kernel: 3, padding: -1))
        XCTAssertNil(Conv2d<Float>.outputShape(input: input, outputChannels: 8, kernel: 3, padding: Int.max), "overflow")
        XCTAssertNil(Conv2d<Float>.outputShape(input: input, outputChannels: Int.max, kernel: 3), "overflowing count")
        XCTAssertNil(Conv2d<Float>.outputShape(input: Self.shape(0, 4, 4), outputChannels: 8, kernel: 3))
        XCTAssertNil(Conv2d<Float>.outputShape(input: Self.shape(1 << 40, 4, 4), outputChannels: 1 << 20, kernel: 3, padding: 1),
                     "overflowing weight count")
    }

    // MARK: - BatchNorm2d

    func makeBatchNorm(_ shape: TensorShape, rectify: Bool = false) -> BatchNorm2d<Double> {
        let layer = BatchNorm2d<Double>(shape: shape, maxBatch: batch, name: "bn", rectify: rectify)
        for j in 0..<shape.channels {
            layer.gamma.value.pointer[j] = 0.7 + 0.4 * Double(j)
            layer.beta.value.pointer[j] = 0.2 - 0.3 * Double(j)
            layer.runningMean.pointer[j] = 0.2 * Double(j) - 0.1
            layer.runningVariance.pointer[j] = 0.5 + Double(j)
        }
        return layer
    }

    func testBatchNorm2dGradients() {
        let shape = Self.shape(3, 2, 4)
        for rectify in [false, true] {
            for mode in [Mode.batchStatistics, .eval] {
                let layer = makeBatchNorm(shape, rectify: rectify)
                check(inputCount: batch * shape.count, outputCount: batch * shape.count, parameters: layer.parameters,
                      forward: { layer.forward($0, batch: self.batch, mode: mode) },
                      backward: { layer.backward($0, batch: self.batch) })
                if rectify {
                    let y = FiniteDifference.random(batch * shape.count, seed: 1).withUnsafeBufferPointer {
                        Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch, mode: mode), count: batch * shape.count))
                    }
                    XCTAssertTrue(y.allSatisfy { $0 >= 0 })
                    XCTAssertTrue(y.contains(0), "some outputs are rectified")
                }
            }
        }
    }

    /// BatchNorm2d over N×C×H×W is BatchNorm1d over the (N·H·W) × C matrix of pixels: outputs, gradients
    /// and running averages.
    func testBatchNorm2dMatchesBatchNorm1dOverPixels() {
        let shape = Self.shape(3, 2, 3), s = shape.spatial, c = shape.channels, rows = batch * s
        let x = FiniteDifference.random(batch * shape.count, seed: 11, scale: 2)
        let dy = FiniteDifference.random(batch * shape.count, seed: 12)
        /// NCHW index of pixel row r = n·s + k, channel j.
        func nchw(_ r: Int, _ j: Int) -> Int { ((r / s) * c + j) * s + r % s }
        func toRows(_ v: [Double]) -> [Double] { (0..<(rows * c)).map { v[nchw($0 / c, $0 % c)] } }
        for rectify in [false, true] {
            for mode in [Mode.train, .batchStatistics, .eval] {
                let layer2 = makeBatchNorm(shape, rectify: rectify)
                let layer1 = BatchNorm1d<Double>(features: c, maxBatch: rows, name: "bn", rectify: rectify)
                for j in 0..<c {
                    layer1.gamma.value.pointer[j] = layer2.gamma.value.pointer[j]
                    layer1.beta.value.pointer[j] = layer2.beta.value.pointer[j]
                    layer1.runningMean.pointer[j] = layer2.runningMean.pointer[j]
                    layer1.runningVariance.pointer[j] = layer2.runningVariance.pointer[j]
                }
                let y2 = toRows(x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer2.forward($0.baseAddress!, batch: batch, mode: mode), count: x.count)) })
                let dx2 = toRows(dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer2.backward($0.baseAddress!, batch: batch), count: x.count)) })
                let y1 = toRows(x).withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer1.forward($0.baseAddress!, batch: rows, mode: mode), count: x.count)) }
                let dx1 = toRows(dy).withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer1.backward($0.baseAddress!, batch: rows), count: x.count)) }
                let label = "rectify \(rectify), \(mode)"
                XCTAssertLessThan(FiniteDifference.maxRelativeError(y2, y1), 1e-12, label)
                XCTAssertLessThan(FiniteDifference.maxRelativeError(dx2, dx1), 1e-12, label)
                XCTAssertLessThan(FiniteDifference.maxRelativeError(Array(layer2.gamma.gradient.buffer), Array(layer1.gamma.gradient.buffer)), 1e-12, label)
                XCTAssertLessThan(FiniteDifference.maxRelativeError(Array(layer2.beta.gradient.buffer), Array(layer1.beta.gradient.buffer)), 1e-12, label)
                XCTAssertLessThan(FiniteDifference.maxRelativeError(Array(layer2.runningMean.buffer), Array(layer1.runningMean.buffer)), 1e-12, label)
                XCTAssertLessThan(FiniteDifference.maxRelativeError(Array(layer2.runningVariance.buffer), Array(layer1.runningVariance.buffer)), 1e-12, label)
            }
        }
    }

    /// Running averages use the unbiased variance over batch·H·W values; measuring leaves them alone.
    func testBatchNorm2dRunningAveragesFollowPyTorch() {
        let layer = BatchNorm2d<Double>(shape: Self.shape(2, 1, 2), maxBatch: 2, name: "bn")
        // Channel 0 sees 1, 2, 3, 6 (mean 3, unbiased variance 14/3); channel 1 sees 0, 0, 4, 4 (mean 2, 16/3).
        let x: [Double] = [1, 2, 0, 0, 3, 6, 4, 4]
        _ = x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batch: 2, mode: .train) }
        XCTAssertEqual(layer.runningMean.pointer[0], 0.1 * 3, accuracy: 1e-12)
        XCTAssertEqual(layer.runningVariance.pointer[0], 0.9 + 0.1 * 14.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(layer.runningMean.pointer[1], 0.1 * 2, accuracy: 1e-12)
        XCTAssertEqual(layer.runningVariance.pointer[1], 0.9 + 0.1 * 16.0 / 3.0, accuracy: 1e-12)
        let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: 2, mode: .batchStatistics), count: 8)) }
        XCTAssertEqual(layer.runningMean.pointer[0], 0.3, accuracy: 1e-12, "measuring must not move running averages")
        // Biased variance 14/4 in the normalisation.
        XCTAssertEqual(y[0], (1 - 3) / (3.5 + 1e-5).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(y[7], (4 - 2) / (4 + 1e-5).squareRoot(), accuracy: 1e-12)
    }

    /// Float32 statistics over a large batch with a large mean stay close to the Float64 ones.
    func testBatchNorm2dFloat32StatisticsAreAccurate() {
        let shape = Self.shape(2, 16, 16), n = 64
        let x64 = FiniteDifference.random(n * shape.count, seed: 21).map { 1000 + $0 }
        let layer32 = BatchNorm2d<Float>(shape: shape, maxBatch: n, name: "bn")
        let layer64 = BatchNorm2d<Double>(shape: shape, maxBatch: n, name: "bn")
        let y32 = x64.map(Float.init).withUnsafeBufferPointer {
            Array(UnsafeBufferPointer(start: layer32.forward($0.baseAddress!, batch: n, mode: .train), count: x64.count))
        }
        let y64 = x64.map { Double(Float($0)) }.withUnsafeBufferPointer {
            Array(UnsafeBufferPointer(start: layer64.forward($0.baseAddress!, batch: n, mode: .train), count: x64.count))
        }
        let worst = zip(y32, y64).map { abs(Double($0) - $1) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-3)
        XCTAssertEqual(Double(layer32.runningMean.pointer[0]), layer64.runningMean.pointer[0], accuracy: 1e-3)
        XCTAssertEqual(Double(layer32.runningVariance.pointer[0]), layer64.runningVariance.pointer[0], accuracy: 1e-4)
    }

    // MARK: - Pools

    static let poolCases: [(input: TensorShape, kernel: Int, stride: Int, padding: Int)] = [
        (shape(2, 5, 7), 3, 2, 1),
        (shape(2, 6, 4), 2, 2, 0),
        (shape(1, 5, 6), 3, 1, 0),
        (shape(2, 7, 7), 3, 3, 1),
        (shape(3, 4, 5), 2, 1, 1),
    ]

    func testMaxPool2dGradients() {
        for c in Self.poolCases {
            let layer = MaxPool2d<Double>(input: c.input, kernel: c.kernel, stride: c.stride, padding: c.padding, maxBatch: batch)
            check(inputCount: batch * c.input.count, outputCount: batch * layer.outputShape.count, parameters: layer.parameters,
                  forward: { layer.forward($0, batch: self.batch) },
                  backward: { layer.backward($0, batch: self.batch) })
        }
    }

    func testAvgPool2dGradients() {
        for c in Self.poolCases {
            let layer = AvgPool2d<Double>(input: c.input, kernel: c.kernel, stride: c.stride, padding: c.padding, maxBatch: batch)
            check(inputCount: batch * c.input.count, outputCount: batch * layer.outputShape.count, parameters: layer.parameters,
                  forward: { layer.forward($0, batch: self.batch) },
                  backward: { layer.backward($0, batch: self.batch) })
        }
        let global = AvgPool2d<Double>(globalOver: Self.shape(3, 4, 5), maxBatch: batch)
        check(inputCount: batch * 60, outputCount: batch * 3, parameters: [],
              forward: { global.forward($0, batch: self.batch) },
              backward: { global.backward($0, batch: self.batch) })
    }

    /// Padding is −∞ (an all-negative input keeps negative maxima), the first maximum wins a tie, and
    /// the gradient goes there.
    func testMaxPool2dPaddingAndTies() {
        let layer = MaxPool2d<Double>(input: Self.shape(1, 3, 3), kernel: 2, stride: 2, padding: 1, maxBatch: 1)
        XCTAssertEqual(layer.outputShape, Self.shape(1, 2, 2))
        let x: [Double] = [-5, -1, -1,
                           -2, -1, -3,
                           -4, -4, -7]
        let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: 1), count: 4)) }
        // Windows (rows, columns): {0}×{0}, {0}×{1,2}, {1,2}×{0}, {1,2}×{1,2}.
        XCTAssertEqual(y, [-5, -1, -2, -1])
        let dx = [1.0, 2, 3, 4].withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: 1), count: 9)) }
        // Window {0}×{1,2} ties at (0,1) and (0,2): the first wins.
        XCTAssertEqual(dx, [1, 2, 0,
                            3, 4, 0,
                            0, 0, 0])
        // Overlapping windows that share an arg-max add their gradients.
        let wide = MaxPool2d<Double>(input: Self.shape(1, 3, 3), kernel: 3, stride: 1, padding: 1, maxBatch: 1)
        let grid: [Double] = [0, 0, 0, 0, 9, 0, 0, 0, 0]
        let pooled = grid.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: wide.forward($0.baseAddress!, batch: 1), count: 9)) }
        XCTAssertEqual(pooled, Array(repeating: 9, count: 9))
        let routed = [Double](repeating: 1, count: 9).withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: wide.backward($0.baseAddress!, batch: 1), count: 9)) }
        XCTAssertEqual(routed, [0, 0, 0, 0, 9, 0, 0, 0, 0])
    }

    /// count_include_pad: a corner window of a 3×3 kernel with padding 1 divides 4 values by 9; global
    /// pooling is the plane mean.
    func testAvgPool2dCountsPadding() {
        let layer = AvgPool2d<Double>(input: Self.shape(1, 2, 2), kernel: 3, stride: 1, padding: 1, maxBatch: 1)
        let y = [Double](repeating: 1, count: 4).withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: 1), count: 4)) }
        for v in y { XCTAssertEqual(v, 4.0 / 9.0, accuracy: 1e-15) }
        let shape = Self.shape(2, 3, 4)
        let x = FiniteDifference.random(2 * shape.count, seed: 3)
        for global in [AvgPool2d<Double>(globalOver: shape, maxBatch: 2),
                       AvgPool2d<Double>(input: Self.shape(2, 3, 3), kernel: 3, stride: 1, maxBatch: 2)] {
            let plane = global.inputShape.spatial
            XCTAssertEqual(global.outputShape, Self.shape(2, 1, 1))
            let means = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: global.forward($0.baseAddress!, batch: 2), count: 4)) }
            for p in 0..<4 {
                let expected = x[(p * plane)..<((p + 1) * plane)].reduce(0, +) / Double(plane)
                XCTAssertEqual(means[p], expected, accuracy: 1e-14)
            }
        }
    }

    func testPoolOutputShape() {
        let input = Self.shape(64, 32, 32)
        XCTAssertEqual(MaxPool2d<Float>.outputShape(input: input, kernel: 3, stride: 2), Self.shape(64, 15, 15))
        XCTAssertEqual(MaxPool2d<Float>.outputShape(input: input, kernel: 2, stride: 2), Self.shape(64, 16, 16))
        XCTAssertEqual(MaxPool2d<Float>.outputShape(input: input, kernel: 3, stride: 2, padding: 1), Self.shape(64, 16, 16))
        XCTAssertEqual(AvgPool2d<Float>.outputShape(input: Self.shape(3, 5, 8), kernel: 5, stride: 1), Self.shape(3, 1, 4))
        XCTAssertEqual(AvgPool2d<Float>.outputShape(input: Self.shape(3, 1, 1), kernel: 2, stride: 1, padding: 1), Self.shape(3, 2, 2))
        XCTAssertNil(MaxPool2d<Float>.outputShape(input: input, kernel: 3, stride: 2, padding: 2), "padding above half the kernel")
        XCTAssertNil(AvgPool2d<Float>.outputShape(input: input, kernel: 1, stride: 1, padding: 1), "padding above half the kernel")
        XCTAssertNil(MaxPool2d<Float>.outputShape(input: Self.shape(3, 2, 2), kernel: 3, stride: 1), "kernel larger than input")
        XCTAssertNil(AvgPool2d<Float>.outputShape(input: Self.shape(3, 8, 2), kernel: 3, stride: 1), "kernel wider than input")
        XCTAssertNil(MaxPool2d<Float>.outputShape(input: input, kernel: 2, stride: 0))
        XCTAssertNil(MaxPool2d<Float>.outputShape(input: input, kernel: 0, stride: 1))
        XCTAssertNil(AvgPool2d<Float>.outputShape(input: input, kernel: 2, stride: 1, padding: -1))
        XCTAssertNil(AvgPool2d<Float>.outputShape(input: input, kernel: Int.max, stride: 1, padding: Int.max / 2))
        XCTAssertEqual(ChannelRepeat<Float>.outputShape(input: Self.shape(1, 32, 32), times: 16), Self.shape(16, 32, 32))
        XCTAssertNil(ChannelRepeat<Float>.outputShape(input: Self.shape(1, 32, 32), times: 0))
        XCTAssertNil(ChannelRepeat<Float>.outputShape(input: Self.shape(2, 32, 32), times: Int.max))
    }

    // MARK: - ChannelRepeat

    func testChannelRepeat() {
        let shape = Self.shape(2, 3, 2)
        let layer = ChannelRepeat<Double>(input: shape, times: 3, maxBatch: batch)
        XCTAssertEqual(layer.outputShape, Self.shape(6, 3, 2))
        check(inputCount: batch * shape.count, outputCount: batch * layer.outputShape.count, parameters: layer.parameters,
              forward: { layer.forward($0, batch: self.batch) },
              backward: { layer.backward($0, batch: self.batch) })
        let x = FiniteDifference.random(batch * shape.count, seed: 4)
        let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: batch * 36)) }
        for n in 0..<batch {
            for c in 0..<6 {
                for k in 0..<6 { XCTAssertEqual(y[(n * 6 + c) * 6 + k], x[(n * 2 + c % 2) * 6 + k]) }
            }
        }
    }

    // MARK: - Rate

    /// Conv2d forward + backward in Float32 at 16×32×32 → 64 channels, kernel 5, padding 2, batch 128.
    /// Prints GFLOP/s; runs only with SEPLAW_BENCH=1, meant for a release build
    /// (`SEPLAW_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter SpatialLayerGradientTests.testConv2dRate`).
    func testConv2dRate() throws {
        guard ProcessInfo.processInfo.environment["SEPLAW_BENCH"] == "1" else { throw XCTSkip("SEPLAW_BENCH not set") }
        let layer = Conv2d<Float>(input: Self.shape(16, 32, 32), outputChannels: 64, kernel: 5, padding: 2,
                                  maxBatch: 128, name: "conv")
        var generator = SeededGenerator(seed: 1)
        layer.initialize(using: &generator)
        let timing = layer.measureTiming(batch: 128)
        let gemm = GemmRate.measure(m: 64, n: 1024, k: 400)
        func rate(_ value: Double) -> String { String(format: "%.1f", value) }
        print("Conv2d 16×32×32 → 64, k5 p2, batch 128, G = \(layer.groupSize), \(BLASRuntime.threads) BLAS threads "
              + "(\(BLASRuntime.coreName)): forward \(rate(timing.forwardRate)) GFLOP/s, backward \(rate(timing.backwardRate)) GFLOP/s, "
              + "forward+backward \(rate(timing.stepRate)) GFLOP/s "
              + "(\(rate(1000 * (timing.forwardSeconds + timing.backwardSeconds))) ms per step); sgemm 64×1024×400: \(rate(gemm)) GFLOP/s")
    }
}
