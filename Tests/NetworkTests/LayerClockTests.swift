import XCTest
import Linalg
@testable import Network

/// The per-layer clock of `seplaw bench --layers`: it times every working node's forward and backward pass and the
/// optimiser, and changes nothing that is computed.
final class LayerClockTests: XCTestCase {
    func testTimesEveryPassWithoutChangingTheResult() throws {
        let shape = TensorShape(channels: 1, height: 32, width: 32)
        let plan = try NetworkPlan.vgg(input: shape, classCount: 3, variant: 11, widthMultiplier: 1.0 / 32, repeat: 2, kernel: 3)
        let n = 12
        let features = Matrix<Float>(rows: n, cols: shape.count, storage: FiniteDifference.random(n * shape.count, seed: 41).map(Float.init))
        let labels = (0..<n).map { $0 % 3 }
        let config = TrainingConfig(optimizer: .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8),
                                    schedule: .paperDefault(baseRate: 1e-3, epochs: 2), epochs: 2, batchSize: 8, weightDecay: 0)
        func train(clock: LayerClock?) -> (Double, [Float]) {
            let classifier = Classifier(plan: plan, maxBatch: 8, seed: 3, threads: 2)
            classifier.clock = clock
            let outcome = classifier.train(features: features, labels: labels, config: config, seed: 4)
            return (outcome.finalLoss, classifier.network.parameters.flatMap { Array($0.value.buffer) })
        }
        let clock = LayerClock()
        let timed = train(clock: clock), plain = train(clock: nil)
        XCTAssertEqual(timed.0, plain.0)
        XCTAssertTrue(timed.1 == plain.1, "the clock changed the weights")

        let network = Sequential<Float>(plan, maxBatch: 8, seed: 3)
        let working = network.nodes.enumerated().filter { !$0.element.isMeasurePoint }
        let firstTrainable = network.nodes.firstIndex { !$0.parameters.isEmpty } ?? 0
        var expected = working.map { "f\($0.offset) \($0.element.label)" }
        expected += working.filter { $0.offset >= firstTrainable }.map { "b\($0.offset) \($0.element.label)" }
        expected.append("optimiser")
        let labelsSeen = clock.entries.map(\.label)
        XCTAssertEqual(Set(labelsSeen), Set(expected))
        XCTAssertEqual(labelsSeen.count, expected.count)
        XCTAssertTrue(clock.entries.allSatisfy { $0.seconds > 0 })
        XCTAssertTrue(labelsSeen.contains { $0.hasPrefix("f") && $0.contains(" conv 2×32×32 → 2×32×32 ") }, "\(labelsSeen)")
    }
}
