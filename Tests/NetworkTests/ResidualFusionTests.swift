import XCTest
import Linalg
@testable import Network

/// A residual block whose last BatchNorm does the add and ReLU, and whose first convolution adds the shortcut's
/// gradient, gives exactly the bits of the same block with every pass separate: output, input gradient and every
/// parameter gradient, for the direct and im2col convolutions in Float32 and in Float64, basic and bottleneck bodies.
final class ResidualFusionTests: XCTestCase {
    let shape = TensorShape(channels: 8, height: 6, width: 6)
    let batch = 5

    /// conv → BatchNorm+ReLU → … → conv → BatchNorm, `convolutions` convolutions of k×k, the weights from `seed`,
    /// γ and β drawn too (so that outputs fall on both sides of the ReLU).
    func body<Scalar: NetworkScalar>(_: Scalar.Type, convolutions: Int, kernel: Int,
                                     algorithm: ConvolutionAlgorithm) -> [LayerNode<Scalar>] {
        var generator = SeededGenerator(seed: 5)
        var nodes: [LayerNode<Scalar>] = []
        for index in 0..<convolutions {
            let conv = Conv2d<Scalar>(input: shape, outputChannels: shape.channels, kernel: kernel, stride: 1,
                                      padding: kernel / 2, bias: false, maxBatch: batch, name: "c\(index)", groupSize: nil,
                                      algorithm: algorithm)
            conv.initialize(using: &generator)
            let norm = BatchNorm2d<Scalar>(shape: shape, maxBatch: batch, name: "n\(index)",
                                           rectify: index < convolutions - 1)
            for parameter in norm.parameters {
                for i in 0..<parameter.count { parameter.value.pointer[i] = Scalar(1.5 * generator.nextUnit() - 0.5) }
            }
            nodes += [.convolution(conv), .batchNorm2d(norm)]
        }
        return nodes
    }

    func bits<Scalar: NetworkScalar>(_ p: UnsafePointer<Scalar>, _ count: Int) -> [Double] {
        (0..<count).map { Double(p[$0]) }
    }

    func check<Scalar: NetworkScalar>(_ type: Scalar.Type, convolutions: Int, kernel: Int,
                                      algorithm: ConvolutionAlgorithm, file: StaticString = #filePath, line: UInt = #line) {
        let blocks = [true, false].map { fuse in
            ResidualBlock(body: body(type, convolutions: convolutions, kernel: kernel, algorithm: algorithm), shortcut: [],
                          rectify: true, inputCount: shape.count, outputCount: shape.count, maxBatch: batch, fuse: fuse)
        }
        let x = FiniteDifference.random(batch * shape.count, seed: 31).map { Scalar($0) }
        let dy = FiniteDifference.random(batch * shape.count, seed: 32).map { Scalar($0) }
        let count = batch * shape.count
        var outputs: [[Double]] = [], inputGradients: [[Double]] = [], parameterGradients: [[Double]] = []
        var evalOutputs: [[Double]] = []
        for block in blocks {
            outputs.append(bits(block.forward(x, batch: batch, mode: .train, record: nil), count))
            inputGradients.append(bits(block.backward(dy, batch: batch), count))
            let parameters = (block.body + block.shortcut).flatMap(\.parameters)
            parameterGradients.append(parameters.flatMap { bits(UnsafePointer($0.gradient.pointer), $0.count) })
            evalOutputs.append(bits(block.forward(x, batch: batch, mode: .eval, record: nil), count))
        }
        let label = "\(Scalar.self), \(convolutions) convolutions of \(kernel)×\(kernel), \(algorithm)"
        XCTAssertTrue(outputs[0].contains { $0 == 0 } && outputs[0].contains { $0 > 0 }, "both sides of the ReLU: \(label)",
                      file: file, line: line)
        XCTAssertEqual(outputs[0].map(\.bitPattern), outputs[1].map(\.bitPattern), "output: \(label)", file: file, line: line)
        XCTAssertEqual(inputGradients[0].map(\.bitPattern), inputGradients[1].map(\.bitPattern), "dx: \(label)",
                       file: file, line: line)
        XCTAssertEqual(parameterGradients[0].map(\.bitPattern), parameterGradients[1].map(\.bitPattern),
                       "parameter gradients: \(label)", file: file, line: line)
        XCTAssertEqual(evalOutputs[0].map(\.bitPattern), evalOutputs[1].map(\.bitPattern), "eval output: \(label)",
                       file: file, line: line)
    }

    func testFusedBlockGivesTheSeparatePassesBits() {
        for algorithm in [ConvolutionAlgorithm.direct, .im2col] {
            check(Float.self, convolutions: 2, kernel: 3, algorithm: algorithm)
            check(Float.self, convolutions: 3, kernel: 5, algorithm: algorithm)
        }
        check(Double.self, convolutions: 2, kernel: 3, algorithm: .im2col)
    }
}
