import XCTest
import Linalg
@testable import Network

/// A convolution that folds its repeated input (``RepeatedInputFold``) against the same layer convolving every copy:
/// output, weight and bias gradients, in Float64 (to rounding of a reordered sum) and Float32, on both algorithms and
/// with two threads; and which layers of the built networks fold.
final class RepeatedInputFoldTests: XCTestCase {
    struct Case {
        var period: Int, copies: Int, outputs: Int, size: Int, kernel: Int, stride = 1, padding: Int
        var bias = true
    }

    static let cases: [Case] = [
        Case(period: 1, copies: 16, outputs: 8, size: 12, kernel: 5, padding: 2),             // VGG13's first layer
        Case(period: 1, copies: 8, outputs: 8, size: 10, kernel: 3, padding: 1, bias: false), // the ResNets'
        Case(period: 2, copies: 3, outputs: 5, size: 7, kernel: 3, padding: 0),
        Case(period: 3, copies: 2, outputs: 4, size: 9, kernel: 3, stride: 2, padding: 1),    // im2col only
        Case(period: 1, copies: 4, outputs: 6, size: 4, kernel: 5, padding: 2),               // 4×4: im2col
    ]

    let batch = 5

    /// The unfolded and the folded layer with the same weights; the input is `batch` random images repeated.
    func compare<Scalar: NetworkScalar>(_ c: Case, as _: Scalar.Type, algorithm: ConvolutionAlgorithm?, threads: Int,
                                        tolerance: Double) {
        let shape = TensorShape(channels: c.period * c.copies, height: c.size, width: c.size)
        func make() -> Conv2d<Scalar> {
            let layer = Conv2d<Scalar>(input: shape, outputChannels: c.outputs, kernel: c.kernel, stride: c.stride,
                                       padding: c.padding, bias: c.bias, maxBatch: batch, name: "c", groupSize: nil,
                                       algorithm: algorithm)
            var generator = SeededGenerator(seed: 5)
            layer.initialize(using: &generator)
            layer.needsInputGradient = false
            layer.team = ThreadTeam(threads: threads)
            return layer
        }
        let plain = make(), folded = make()
        folded.foldRepeatedInput(period: c.period)
        // Neither holds an input gradient; the folded layer's output is its inner layer's.
        XCTAssertEqual(plain.batchBufferValues, batch * plain.outputShape.count, "\(c)")
        XCTAssertEqual(folded.batchBufferValues, 0, "\(c)")
        XCTAssertEqual(folded.repeatFold?.inner.batchBufferValues, batch * plain.outputShape.count, "\(c)")
        XCTAssertEqual(folded.repeatFold?.copies, c.copies, "\(c)")
        XCTAssertNil(plain.repeatFold)
        let original = FiniteDifference.random(batch * c.period * c.size * c.size, seed: 6)
        let plane = c.period * c.size * c.size
        var x: [Scalar] = []
        for n in 0..<batch {
            for _ in 0..<c.copies { x += original[(n * plane)..<((n + 1) * plane)].map { Scalar($0) } }
        }
        let dy = FiniteDifference.random(batch * plain.outputShape.count, seed: 7).map { Scalar($0) }
        func run(_ layer: Conv2d<Scalar>) -> (y: [Double], dw: [Double], db: [Double]) {
            let y = x.withUnsafeBufferPointer {
                Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count))
            }
            dy.withUnsafeBufferPointer { _ = layer.backward($0.baseAddress!, batch: batch) }
            return (y.map { Double($0) }, layer.weight.gradient.buffer.map { Double($0) },
                    layer.bias.map { $0.gradient.buffer.map { Double($0) } } ?? [])
        }
        let expected = run(plain), got = run(folded)
        for (name, a, b) in [("y", got.y, expected.y), ("dW", got.dw, expected.dw), ("db", got.db, expected.db)] {
            XCTAssertEqual(a.count, b.count, "\(c) \(name)")
            let scale = max(b.map(abs).max() ?? 0, 1e-30)
            let error = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThanOrEqual(error / scale, tolerance, "\(c) \(name) \(Scalar.self) \(String(describing: algorithm)) threads \(threads)")
        }
        // Every copy of a kernel gets the same gradient.
        let square = c.kernel * c.kernel, foldedPatch = c.period * square
        for o in 0..<c.outputs {
            for t in 1..<c.copies {
                let first = (o * c.copies) * foldedPatch, copy = first + t * foldedPatch
                XCTAssertEqual(Array(got.dw[copy..<(copy + foldedPatch)]), Array(got.dw[first..<(first + foldedPatch)]), "\(c)")
            }
        }
        // The folded layer ran no more than its share of the products: its inner layer sees C₀ channels.
        XCTAssertEqual(folded.repeatFold?.inner.inputShape.channels, c.period)
    }

    func testFloat64MatchesTheRepeatedConvolution() {
        for c in Self.cases { compare(c, as: Double.self, algorithm: nil, threads: 1, tolerance: 1e-13) }
    }

    func testFloat32MatchesOnBothAlgorithmsAndTwoThreads() {
        for c in Self.cases {
            for algorithm in [ConvolutionAlgorithm.direct, .im2col] {
                for threads in [1, 2] { compare(c, as: Float.self, algorithm: algorithm, threads: threads, tolerance: 2e-6) }
            }
        }
    }

    func testOnlyWholeCopiesFold() {
        XCTAssertTrue(RepeatedInputFold<Float>.applies(channels: 16, period: 1))
        XCTAssertTrue(RepeatedInputFold<Float>.applies(channels: 6, period: 2))
        XCTAssertFalse(RepeatedInputFold<Float>.applies(channels: 6, period: 4))
        XCTAssertFalse(RepeatedInputFold<Float>.applies(channels: 3, period: 3))
        XCTAssertFalse(RepeatedInputFold<Float>.applies(channels: 3, period: 0))
    }

    /// The first convolution of each network, looking into a first residual block.
    func firstConvolution(of network: Sequential<Float>) -> Conv2d<Float>? {
        var nodes = network.nodes[...]
        while let node = nodes.first {
            switch node {
            case let .convolution(layer): return layer
            case let .residual(block): nodes = block.body[...]
            default: nodes = nodes.dropFirst()
            }
        }
        return nil
    }

    func testTheAuthorsNetworksFoldTheirFirstConvolution() throws {
        let grey = TensorShape(channels: 1, height: 16, width: 16), grey32 = TensorShape(channels: 1, height: 32, width: 32)
        let vgg = Sequential<Float>(try NetworkPlan.vgg(input: grey32, classCount: 3, variant: 13, widthMultiplier: 1.0 / 16),
                                    maxBatch: 2, seed: 1)
        XCTAssertEqual(firstConvolution(of: vgg)?.repeatFold?.copies, 16)
        let alexnet = Sequential<Float>(try NetworkPlan.alexnet(input: grey, classCount: 3, widthMultiplier: 1.0 / 16),
                                        maxBatch: 2, seed: 1)
        XCTAssertEqual(firstConvolution(of: alexnet)?.repeatFold?.copies, 32)
        let resnet = Sequential<Float>(try NetworkPlan.resnet(input: grey, classCount: 3, blocks: [.basic, .basic]),
                                       maxBatch: 2, seed: 1)
        XCTAssertEqual(firstConvolution(of: resnet)?.repeatFold?.copies, 8)
        guard case let .residual(first)? = resnet.nodes.first(where: { if case .residual = $0 { true } else { false } }) else {
            return XCTFail("no residual block")
        }
        XCTAssertFalse(first.needsInputGradient)
        // Without a repeat (or with one copy) nothing folds.
        let single = Sequential<Float>(try NetworkPlan.vgg(input: grey32, classCount: 3, variant: 11, widthMultiplier: 1.0 / 16, repeat: 1),
                                       maxBatch: 2, seed: 1)
        XCTAssertNotNil(firstConvolution(of: single))
        XCTAssertNil(firstConvolution(of: single)?.repeatFold)
    }
}
