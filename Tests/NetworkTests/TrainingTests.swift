import XCTest
import Linalg
@testable import Network

/// Training end to end on a small separable problem: it learns, and it is deterministic.
final class TrainingTests: XCTestCase {
    /// Two-dimensional blobs of three classes, made here so this test needs no dataset module.
    func blobs(perClass: Int, seed: UInt64) -> (Matrix<Float>, [Int]) {
        var generator = SeededGenerator(seed: seed)
        let centres: [(Double, Double)] = [(0, 3), (3, -2), (-3, -2)]
        var values: [Float] = [], labels: [Int] = []
        for i in 0..<(3 * perClass) {
            let c = i % 3
            values.append(Float(centres[c].0 + 0.5 * generator.normal()))
            values.append(Float(centres[c].1 + 0.5 * generator.normal()))
            labels.append(c)
        }
        return (Matrix(rows: 3 * perClass, cols: 2, storage: values), labels)
    }

    func config(epochs: Int) -> TrainingConfig {
        TrainingConfig(optimizer: .momentum(0.9), schedule: .paperDefault(baseRate: 0.05, epochs: epochs),
                       epochs: epochs, batchSize: 16, weightDecay: 5e-4)
    }

    func testLearnsSeparableBlobs() throws {
        let (x, y) = blobs(perClass: 40, seed: 1)
        let classifier = Classifier(plan: try .gfnn(input: .flat(2), classCount: 3, depth: 1, width: 16), maxBatch: 64, seed: 0)
        let before = classifier.accuracy(features: x, labels: y)
        var losses: [Double] = []
        let outcome = classifier.train(features: x, labels: y, config: config(epochs: 30), seed: 0) { losses.append($0.loss) }
        XCTAssertFalse(outcome.diverged)
        XCTAssertEqual(losses.count, 30)
        XCTAssertLessThan(losses.last!, losses.first! * 0.5)
        XCTAssertGreaterThan(classifier.accuracy(features: x, labels: y), max(0.95, before))
    }

    func testSameSeedGivesBitwiseIdenticalNetwork() throws {
        let (x, y) = blobs(perClass: 20, seed: 2)
        func trained(seed: UInt64) throws -> [Float] {
            let classifier = Classifier(plan: try .gfnn(input: .flat(2), classCount: 3, depth: 2, width: 8), maxBatch: 32, seed: seed)
            _ = classifier.train(features: x, labels: y, config: config(epochs: 5), seed: seed)
            return classifier.network.parameters.flatMap { Array($0.value.buffer) }
        }
        XCTAssertEqual(try trained(seed: 3), try trained(seed: 3))
        XCTAssertNotEqual(try trained(seed: 3), try trained(seed: 4))
    }

    func testDivergenceIsReported() throws {
        let (x, y) = blobs(perClass: 20, seed: 3)
        let classifier = Classifier(plan: try .gfnn(input: .flat(2), classCount: 3, depth: 1, width: 8, batchNorm: false), maxBatch: 32, seed: 0)
        let huge = TrainingConfig(optimizer: .sgd, schedule: StepSchedule(baseRate: 1e30, milestones: []), epochs: 5, batchSize: 8, weightDecay: 0)
        let outcome = classifier.train(features: x, labels: y, config: huge, seed: 0)
        XCTAssertTrue(outcome.diverged)
        XCTAssertFalse(outcome.finalLoss.isFinite)
    }

    func testMeasuredFeaturesMatchPointCountAndWidths() throws {
        let (x, y) = blobs(perClass: 10, seed: 4)
        let classifier = Classifier(plan: try .gfnn(input: .flat(2), classCount: 3, depth: 2, width: 6), maxBatch: 16, seed: 0)
        _ = classifier.train(features: x, labels: y, config: config(epochs: 2), seed: 0)
        let layers = classifier.measuredFeatures(of: x, mode: .batchStatistics, chunk: 7)
        XCTAssertEqual(layers.map(\.features.cols), [2, 6, 6, 6])
        XCTAssertEqual(layers.map(\.features.rows), [30, 30, 30, 30])
        XCTAssertTrue(layers[3].features.storage.allSatisfy { $0 >= 0 }, "features are read after the ReLU")
        XCTAssertEqual(layers[0].features, x)
    }
}
