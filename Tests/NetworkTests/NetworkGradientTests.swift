import Linalg
@testable import Network
import Vocabulary
import XCTest

/// The whole network's backward pass against finite differences of its cross-entropy loss.
final class NetworkGradientTests: XCTestCase {
    func checkWholeNetwork(batchNorm: Bool, activation: Activation) throws {
        try WholeNetworkGradient.check(.gfnn(input: .flat(5), classCount: 3, depth: 2, width: 4, batchNorm: batchNorm,
                                    activation: activation))
    }

    func testGFNNWithBatchNormAndReLU() throws { try checkWholeNetwork(batchNorm: true, activation: .relu) }
    func testGFNNWithoutBatchNorm() throws { try checkWholeNetwork(batchNorm: false, activation: .relu) }
    func testLinearGFNN() throws { try checkWholeNetwork(batchNorm: true, activation: .none) }

    func testMeasuredPointsOfGFNN() throws {
        for depth in [0, 2, 6] {
            let plan = try NetworkPlan.gfnn(input: .flat(7), classCount: 3, depth: depth, width: 5)
            XCTAssertEqual(plan.measuredPoints.count, depth + 2)
            let network = Sequential<Double>(plan, maxBatch: 4, seed: 0)
            var seen: [Int] = []
            _ = FiniteDifference.random(4 * 7, seed: 1).withUnsafeBufferPointer { x in
                network.forward(x.baseAddress!, batch: 4, mode: .eval) { l, _ in seen.append(l) }
            }
            XCTAssertEqual(seen, Array(1...(depth + 1)))
        }
    }
}
