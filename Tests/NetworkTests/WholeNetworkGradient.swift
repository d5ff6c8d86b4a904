import XCTest
import Linalg
@testable import Network

/// A whole network's backward pass against finite differences of its cross-entropy loss.
enum WholeNetworkGradient {
    /// Every parameter gradient of `plan`'s network (Float64) against central finite differences of the loss.
    /// (At most `limit` entries of each parameter tensor are checked, evenly spread.)
    static func check(_ plan: NetworkPlan, batch: Int = 6, limit: Int = .max,
                           file: StaticString = #filePath, line: UInt = #line) {
        let d = plan.inputShape.count
        let network = Sequential<Double>(plan, maxBatch: batch, seed: 11)
        let input = FiniteDifference.random(batch * d, seed: 12)
        let labels: [Int32] = (0..<batch).map { Int32($0 % plan.classCount) }
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
        for (parameter, all) in zip(network.parameters, analytic) {
            let indices = FiniteDifference.sample(parameter.count, limit: limit)
            let expected = indices.map { all[$0] }
            let numeric = FiniteDifference.gradient(of: parameter.value.pointer, at: indices, loss: loss)
            XCTAssertLessThan(FiniteDifference.maxRelativeError(expected, numeric), 1e-6, parameter.name, file: file, line: line)
        }
    }
}
