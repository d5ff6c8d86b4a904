import XCTest
import Linalg
@testable import Network

/// The whole network's backward pass against finite differences of its cross-entropy loss.
final class NetworkGradientTests: XCTestCase {
    func checkWholeNetwork(batchNorm: Bool, activation: Activation) {
        let batch = 6, d = 5
        let architecture = FeedForwardArchitecture.gfnn(inputDimension: d, classCount: 3, depth: 2, width: 4,
                                                        batchNorm: batchNorm, activation: activation)
        let network = Sequential<Double>(architecture, maxBatch: batch, seed: 11)
        let input = FiniteDifference.random(batch * d, seed: 12)
        let labels: [Int32] = [0, 1, 2, 2, 1, 0]
        func loss() -> Double {
            input.withUnsafeBufferPointer { x in
                labels.withUnsafeBufferPointer { y in
                    let logits = network.forward(x.baseAddress!, batch: batch, mode: .batchStatistics)
                    return network.loss.forward(logits, labels: y.baseAddress!, batch: batch)
                }
            }
        }
        _ = loss()
        labels.withUnsafeBufferPointer { network.backward(network.loss.backward(labels: $0.baseAddress!, batch: batch), batch: batch) }
        let analytic = network.parameters.map { Array($0.gradient.buffer) }
        for (parameter, expected) in zip(network.parameters, analytic) {
            let numeric = FiniteDifference.gradient(of: parameter.value.pointer, count: parameter.count, loss: loss)
            XCTAssertLessThan(FiniteDifference.maxRelativeError(expected, numeric), 1e-6, parameter.name)
        }
    }

    func testGFNNWithBatchNormAndReLU() { checkWholeNetwork(batchNorm: true, activation: .relu) }
    func testGFNNWithoutBatchNorm() { checkWholeNetwork(batchNorm: false, activation: .relu) }
    func testLinearGFNN() { checkWholeNetwork(batchNorm: true, activation: .none) }

    func testMeasuredPointsOfGFNN() {
        for depth in [0, 2, 6] {
            let architecture = FeedForwardArchitecture.gfnn(inputDimension: 7, classCount: 3, depth: depth, width: 5)
            XCTAssertEqual(architecture.measuredLayers.count, depth + 2)
            let network = Sequential<Double>(architecture, maxBatch: 4, seed: 0)
            XCTAssertEqual(network.measuredNodes.count, depth + 1)
        }
    }
}
