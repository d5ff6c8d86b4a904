import XCTest
import CKernels
import Linalg
@testable import Network

/// The direct Float32 convolution (``DirectConvolution``) against naive Float64 loops over the same Float32 values:
/// output, input gradient, weight and bias gradients, at edge shapes (k = 1, 3, 5, 7; every padding 0…k − 1;
/// channel counts that are not multiples of 4 or 8; widths that are not multiples of 8; 1-pixel outputs; layers
/// whose planes the kernels read in place).
final class DirectConvolutionTests: XCTestCase {
    struct Case {
        var channels: Int, outputs: Int, height: Int, width: Int, kernel: Int, padding: Int
        var bias = true
    }

    static let cases: [Case] = [
        Case(channels: 8, outputs: 8, height: 32, width: 32, kernel: 3, padding: 1),     // the paper's ResNet
        Case(channels: 8, outputs: 8, height: 16, width: 16, kernel: 5, padding: 2, bias: false),
        Case(channels: 3, outputs: 5, height: 7, width: 9, kernel: 3, padding: 1),
        Case(channels: 5, outputs: 3, height: 6, width: 11, kernel: 5, padding: 2),
        Case(channels: 2, outputs: 7, height: 9, width: 17, kernel: 3, padding: 0, bias: false),
        Case(channels: 9, outputs: 13, height: 5, width: 5, kernel: 5, padding: 4),
        Case(channels: 4, outputs: 6, height: 5, width: 8, kernel: 5, padding: 0),       // 1 × 4 output
        Case(channels: 6, outputs: 2, height: 5, width: 5, kernel: 5, padding: 0),       // 1 × 1 output
        Case(channels: 3, outputs: 9, height: 5, width: 13, kernel: 1, padding: 0),      // pointwise
        Case(channels: 1, outputs: 1, height: 3, width: 3, kernel: 1, padding: 0),
        Case(channels: 5, outputs: 6, height: 4, width: 8, kernel: 1, padding: 0),       // pointwise, read in place
        Case(channels: 12, outputs: 3, height: 3, width: 16, kernel: 1, padding: 0, bias: false),  // in place too
        Case(channels: 3, outputs: 5, height: 6, width: 10, kernel: 3, padding: 0),      // input read in place
        Case(channels: 3, outputs: 4, height: 10, width: 12, kernel: 7, padding: 3),     // 7 wide: two column chunks
        Case(channels: 2, outputs: 3, height: 6, width: 6, kernel: 7, padding: 6, bias: false),
        Case(channels: 16, outputs: 4, height: 8, width: 8, kernel: 3, padding: 2),
    ]

    let batch = 3

    func makeLayer(_ c: Case, algorithm: ConvolutionAlgorithm = .direct) -> Conv2d<Float>? {
        let input = TensorShape(channels: c.channels, height: c.height, width: c.width)
        guard Conv2d<Float>.outputShape(input: input, outputChannels: c.outputs, kernel: c.kernel, padding: c.padding) != nil else {
            return nil
        }
        let layer = Conv2d<Float>(input: input, outputChannels: c.outputs, kernel: c.kernel, stride: 1, padding: c.padding,
                                  bias: c.bias, maxBatch: batch, name: "c", groupSize: nil, algorithm: algorithm)
        var generator = SeededGenerator(seed: 11)
        layer.initialize(using: &generator)
        return layer
    }

    /// The largest |got − expected| over the largest |expected| (so Float32 rounding of long sums passes at 1e-5).
    func scaledError(_ got: [Float], _ expected: [Double]) -> Double {
        let scale = max(expected.map { abs($0) }.max() ?? 0, 1e-30)
        return zip(got, expected).map { abs(Double($0) - $1) }.max().map { $0 / scale } ?? 0
    }

    func testMatchesNaiveFloat64Loops() throws {
        var checked = 0
        for c in Self.cases {
            guard let layer = makeLayer(c) else { continue }
            XCTAssertEqual(layer.algorithm, .direct, "\(c)")
            checked += 1
            let out = layer.outputShape, k = c.kernel, p = c.padding
            let (ho, wo, h, w, cc, oc) = (out.height, out.width, c.height, c.width, c.channels, c.outputs)
            let x = FiniteDifference.random(batch * layer.inputShape.count, seed: 21).map(Float.init)
            let dy = FiniteDifference.random(batch * out.count, seed: 22).map(Float.init)
            let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
            let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
            let weights = layer.weight.value.buffer.map(Double.init)
            let bias = layer.bias.map { $0.value.buffer.map(Double.init) }
            func xAt(_ n: Int, _ ch: Int, _ r: Int, _ s: Int) -> Double {
                r >= 0 && r < h && s >= 0 && s < w ? Double(x[((n * cc + ch) * h + r) * w + s]) : 0
            }
            func wAt(_ o: Int, _ ch: Int, _ ki: Int, _ kj: Int) -> Double { weights[((o * cc + ch) * k + ki) * k + kj] }
            var yRef = [Double](repeating: 0, count: y.count), dxRef = [Double](repeating: 0, count: x.count)
            var dwRef = [Double](repeating: 0, count: weights.count), dbRef = [Double](repeating: 0, count: oc)
            for n in 0..<batch {
                for o in 0..<oc {
                    for i in 0..<ho {
                        for j in 0..<wo {
                            let index = ((n * oc + o) * ho + i) * wo + j, g = Double(dy[index])
                            var sum = bias?[o] ?? 0
                            dbRef[o] += g
                            for ch in 0..<cc {
                                for ki in 0..<k {
                                    for kj in 0..<k {
                                        let r = i - p + ki, s = j - p + kj
                                        sum += wAt(o, ch, ki, kj) * xAt(n, ch, r, s)
                                        dwRef[((o * cc + ch) * k + ki) * k + kj] += g * xAt(n, ch, r, s)
                                        if r >= 0 && r < h && s >= 0 && s < w {
                                            dxRef[((n * cc + ch) * h + r) * w + s] += g * wAt(o, ch, ki, kj)
                                        }
                                    }
                                }
                            }
                            yRef[index] = sum
                        }
                    }
                }
            }
            XCTAssertLessThan(scaledError(y, yRef), 1e-5, "forward \(c)")
            XCTAssertLessThan(scaledError(dx, dxRef), 1e-5, "input gradient \(c)")
            XCTAssertLessThan(scaledError(Array(layer.weight.gradient.buffer), dwRef), 1e-5, "weight gradient \(c)")
            if let b = layer.bias { XCTAssertLessThan(scaledError(Array(b.gradient.buffer), dbRef), 1e-5, "bias gradient \(c)") }
        }
        XCTAssertEqual(checked, Self.cases.count)
    }

    /// The direct and im2col paths agree to Float32 rounding on the same layer and data.
    /// A layer without padding whose rows are exactly as long as the kernels' 8-lane loads reach (output width a
    /// multiple of 8, plus k − 1) reads its input in place; pointwise layers read their gradient in place too.
    func testPointwiseLayersOnWholeRowsReadInPlace() {
        func direct(_ width: Int, kernel: Int, padding: Int) -> DirectConvolution {
            let input = TensorShape(channels: 3, height: 4, width: width)
            let output = TensorShape(channels: 2, height: 4 + 2 * padding - kernel + 1,
                                     width: width + 2 * padding - kernel + 1)
            return DirectConvolution(input: input, output: output, kernel: kernel, padding: padding)
        }
        for width in [8, 16, 32] {
            XCTAssertTrue(direct(width, kernel: 1, padding: 0).inputNeedsNoCopy)
            XCTAssertTrue(direct(width, kernel: 1, padding: 0).gradientNeedsNoCopy)
        }
        XCTAssertTrue(direct(10, kernel: 3, padding: 0).inputNeedsNoCopy)  // 8 outputs per row + 2
        for (width, kernel, padding) in [(13, 1, 0), (8, 3, 1), (8, 3, 0), (11, 3, 0)] {
            XCTAssertFalse(direct(width, kernel: kernel, padding: padding).inputNeedsNoCopy, "\(width) \(kernel) \(padding)")
        }
        XCTAssertFalse(direct(8, kernel: 3, padding: 1).gradientNeedsNoCopy)
    }

    func testAgreesWithIm2col() {
        for c in [Self.cases[0], Self.cases[3], Self.cases[10]] {
            guard let direct = makeLayer(c), let reference = makeLayer(c, algorithm: .im2col) else { continue }
            XCTAssertEqual(reference.algorithm, .im2col)
            let x = FiniteDifference.random(batch * direct.inputShape.count, seed: 31).map(Float.init)
            let dy = FiniteDifference.random(batch * direct.outputShape.count, seed: 32).map(Float.init)
            func run(_ layer: Conv2d<Float>) -> [[Float]] {
                let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
                let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
                return [y, dx, Array(layer.weight.gradient.buffer)]
            }
            for (got, expected) in zip(run(direct), run(reference)) {
                XCTAssertLessThan(scaledError(got, expected.map(Double.init)), 1e-5, "\(c)")
            }
        }
    }

    /// The AVX-512 kernels run the AVX2 kernels' fused multiply-adds in the same order for every output and lane
    /// sum, so the two paths give the same bits on every case (odd channel counts, widths off a multiple of 8 or 16,
    /// odd slot counts per row), and a result does not depend on which of the two a node has.
    func testAVX512GivesTheAVX2Bits() throws {
        try XCTSkipUnless(Int(seplaw_cpu_vector_level()) >= SEPLAW_VECTOR_AVX512, "this CPU has no AVX-512")
        defer { seplaw_limit_vector_level(Int32(SEPLAW_VECTOR_AVX512)) }
        for c in Self.cases {
            func run(_ level: Int32) -> [[Float]] {
                seplaw_limit_vector_level(level)
                guard let layer = makeLayer(c) else { return [] }
                let x = FiniteDifference.random(batch * layer.inputShape.count, seed: 51).map(Float.init)
                let dy = FiniteDifference.random(batch * layer.outputShape.count, seed: 52).map(Float.init)
                let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
                let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
                return [y, dx, Array(layer.weight.gradient.buffer)]
            }
            let wide = run(Int32(SEPLAW_VECTOR_AVX512)), narrow = run(Int32(SEPLAW_VECTOR_AVX2))
            XCTAssertEqual(wide.count, 3, "\(c)")
            for (name, (a, b)) in zip(["forward", "input gradient", "weight gradient"], zip(wide, narrow)) {
                XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern), "\(name) \(c)")
            }
        }
    }

    /// The weight-gradient kernel over several images at once (the lanes read and written once per group) adds each
    /// image's sums in image order, so it gives the bits of one call per image: for groups of 4, 4 and 1 and for all
    /// 9 images in one call, at shapes with an odd output channel and widths off a multiple of 8.
    func testLanePassesOverSeveralImagesGiveOneImageAtATimesBits() {
        for (channels, outputs, size, k) in [(3, 5, 9, 3), (8, 8, 16, 5), (6, 7, 8, 5), (2, 3, 6, 1)] {
            let ldy = (size + 7) / 8 * 8, ld = ldy + k - 1, rows = size + k - 1
            let planeStride = rows * ld, dyPlane = size * ldy, images = 9
            let xs = (0..<images).map { n in FiniteDifference.random(channels * planeStride, seed: UInt64(60 + n)).map(Float.init) }
            let dys = (0..<images).map { n in FiniteDifference.random(outputs * dyPlane, seed: UInt64(80 + n)).map(Float.init) }
            let laneCount = 8 * outputs * channels * k * k
            func lanes(groups: [Int]) -> [UInt32] {
                var result = [Float](repeating: .nan, count: laneCount)
                var first = 0
                for count in groups {
                    let xp = (first..<(first + count)).map { n in xs[n].withUnsafeBufferPointer { Optional($0.baseAddress!) } }
                    let dp = (first..<(first + count)).map { n in dys[n].withUnsafeBufferPointer { Optional($0.baseAddress!) } }
                    seplaw_conv_weight_gradient_direct_images(xp, dp, count, channels, planeStride, ld, outputs, dyPlane, ldy,
                                                              k, size, size, &result, first == 0 ? 0 : 1)
                    first += count
                }
                return result.map(\.bitPattern)
            }
            let oneAtATime = lanes(groups: Array(repeating: 1, count: images))
            XCTAssertFalse(oneAtATime.contains(Float.nan.bitPattern), "every lane written")
            XCTAssertEqual(lanes(groups: [4, 4, 1]), oneAtATime, "\(channels)→\(outputs) \(size)² k\(k)")
            XCTAssertEqual(lanes(groups: [images]), oneAtATime, "\(channels)→\(outputs) \(size)² k\(k)")
        }
    }

    /// Bitwise the same results on a second run; a first layer skips dx and keeps dW; batch 0 clears dW.
    func testDeterministicAndEdgeBatches() {
        let c = Self.cases[2]
        guard let layer = makeLayer(c) else { return XCTFail("case") }
        let x = FiniteDifference.random(batch * layer.inputShape.count, seed: 41).map(Float.init)
        let dy = FiniteDifference.random(batch * layer.outputShape.count, seed: 42).map(Float.init)
        func run() -> [[Float]] {
            let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
            // A layer without an input gradient holds no buffer for it: read dx only when it was computed.
            let dx = dy.withUnsafeBufferPointer { dy in
                let dx = layer.backward(dy.baseAddress!, batch: batch)
                return layer.needsInputGradient ? Array(UnsafeBufferPointer(start: dx, count: x.count)) : []
            }
            return [y, dx, Array(layer.weight.gradient.buffer)]
        }
        let first = run()
        XCTAssertEqual(run(), first)
        layer.needsInputGradient = false
        XCTAssertEqual(run()[2], first[2])
        x.withUnsafeBufferPointer { _ = layer.forward($0.baseAddress!, batch: 0) }
        dy.withUnsafeBufferPointer { _ = layer.backward($0.baseAddress!, batch: 0) }
        XCTAssertTrue(layer.weight.gradient.buffer.allSatisfy { $0 == 0 })
    }

    /// The automatic choice: direct for stride-1 Float32 layers with outputs at least 6 wide, unrolled for planes of
    /// at most k² values, im2col for strided ones, 8×8 outputs of 128 channels or more, and Float64.
    func testAlgorithmChoice() {
        let input = TensorShape(channels: 8, height: 16, width: 16)
        XCTAssertEqual(Conv2d<Float>(input: input, outputChannels: 8, kernel: 3, padding: 1, maxBatch: 2, name: "a").algorithm, .direct)
        XCTAssertEqual(Conv2d<Float>(input: input, outputChannels: 8, kernel: 3, stride: 2, padding: 1, maxBatch: 2, name: "b").algorithm, .im2col)
        XCTAssertEqual(Conv2d<Double>(input: input, outputChannels: 8, kernel: 3, padding: 1, maxBatch: 2, name: "c").algorithm, .im2col)
        let small = TensorShape(channels: 64, height: 4, width: 4)
        XCTAssertEqual(Conv2d<Float>(input: small, outputChannels: 64, kernel: 5, padding: 2, maxBatch: 2, name: "d").algorithm, .unrolled)
        XCTAssertEqual(Conv2d<Float>(input: input, outputChannels: 256, kernel: 5, padding: 2, maxBatch: 2, name: "e").algorithm, .direct)
        let wide = TensorShape(channels: 256, height: 8, width: 8)
        XCTAssertEqual(Conv2d<Float>(input: wide, outputChannels: 256, kernel: 5, padding: 2, maxBatch: 2, name: "g").algorithm, .im2col)
        let narrower = TensorShape(channels: 64, height: 8, width: 8)
        XCTAssertEqual(Conv2d<Float>(input: narrower, outputChannels: 64, kernel: 5, padding: 2, maxBatch: 2, name: "h").algorithm, .direct)
        let seven = TensorShape(channels: 24, height: 7, width: 7)
        XCTAssertEqual(Conv2d<Float>(input: seven, outputChannels: 48, kernel: 5, padding: 2, maxBatch: 2, name: "f").algorithm, .direct)
    }
}
