import XCTest
import Linalg
@testable import Network

/// The architecture collection: measured points where each builder says, shapes checked up front, and every
/// network's backward pass (residual, projection, dense and inception blocks included) against finite differences.
final class ArchitectureTests: XCTestCase {
    let grey32 = TensorShape(channels: 1, height: 32, width: 32)

    func testVGGMeasuredPoints() throws {
        for (variant, convolutions) in [11: 8, 13: 10, 16: 13] {
            let plan = try NetworkPlan.vgg(input: grey32, classCount: 10, variant: variant, widthMultiplier: 1.0 / 32)
            XCTAssertEqual(plan.measuredPoints.count, 1 + convolutions + 2, "vgg\(variant)")
            XCTAssertEqual(plan.measuredPoints[1].shape, TensorShape(channels: 2, height: 32, width: 32))
            XCTAssertEqual(plan.measuredPoints.last?.name, "fc2")
        }
        let full = try NetworkPlan.vgg(input: grey32, classCount: 10, variant: 13)
        XCTAssertEqual(full.measuredPoints[1].dimension, 65_536, "the first VGG13 layer has 64 × 32 × 32 features")
    }

    func testAlexNetHasEightPoints() throws {
        let plan = try NetworkPlan.alexnet(input: grey32, classCount: 10, widthMultiplier: 1.0 / 16)
        XCTAssertEqual(plan.measuredPoints.map(\.name), ["input", "conv1", "conv2", "conv3", "conv4", "conv5", "fc1", "fc2"])
        XCTAssertEqual(plan.measuredPoints[3].shape, TensorShape(channels: 24, height: 8, width: 8),
                       "3×3 stride-2 padding-1 pooling: 32 → 16 → 8")
        let lastPool = plan.leaves.last { if case .maxPool = $0.layer { true } else { false } }
        XCTAssertEqual(lastPool?.output, TensorShape(channels: 16, height: 4, width: 4),
                       "the last pooling leaves 256/16 channels at 4×4")
    }

    func testResNetPointsPerBlockAndPerLayer() throws {
        let input = TensorShape(channels: 1, height: 8, width: 8)
        let basic = try NetworkPlan.resnet(input: input, classCount: 10, blocks: Array(repeating: .basic, count: 3),
                                           widthMultiplier: 1.0 / 16)
        XCTAssertEqual(basic.measuredPoints.count, 4)
        let perLayer = try NetworkPlan.resnet(input: input, classCount: 10, blocks: Array(repeating: .bottleneck, count: 2),
                                              widthMultiplier: 1.0 / 16, per: .layer)
        XCTAssertEqual(perLayer.measuredPoints.map(\.name),
                       ["input", "block1.conv1", "block1.conv2", "block1", "block2.conv1", "block2.conv2", "block2"])
        XCTAssertTrue(perLayer.fitSegments.isEmpty)
        let mixed = try NetworkPlan.resnet(input: input, classCount: 10, blocks: [.bottleneck, .bottleneck, .basic, .basic, .basic],
                                           widthMultiplier: 1.0 / 16)
        XCTAssertEqual(mixed.fitSegments, [0...2, 2...5], "two lines: the bottleneck part, then the basic part")
    }

    func testPlanErrorsNameTheLayer() {
        XCTAssertThrowsError(try NetworkPlan.vgg(input: TensorShape(channels: 1, height: 10, width: 10), classCount: 10,
                                                 variant: 13)) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("vgg13.") && message.contains("does not fit"), message)
        }
        XCTAssertThrowsError(try NetworkPlan.vgg(input: grey32, classCount: 10, variant: 12))
        XCTAssertThrowsError(try NetworkPlan(name: "bad", inputShape: grey32, classCount: 10,
                                             layers: [.residual(body: [.convolution(outputs: 3, kernel: 3, stride: 1, padding: 1, bias: true)],
                                                                shortcut: [], rectify: true), .dense(outputs: 10)])) { error in
            XCTAssertTrue(String(describing: error).contains("bad.0"), "\(error)")
        }
    }

    func testParameterCountMatchesBuiltNetwork() throws {
        let plans = [
            try NetworkPlan.gfnn(input: .flat(100), classCount: 10, depth: 2, width: 100),
            try NetworkPlan.alexnet(input: grey32, classCount: 10, widthMultiplier: 1.0 / 16),
            try NetworkPlan.resnet(input: TensorShape(channels: 1, height: 8, width: 8), classCount: 10,
                                   blocks: [.bottleneck, .basic], widthMultiplier: 1.0 / 16),
            try NetworkPlan.densenet(input: TensorShape(channels: 1, height: 8, width: 8), classCount: 10,
                                     layersPerBlock: 2, widthMultiplier: 1.0 / 8),
            try NetworkPlan.googlenet(input: TensorShape(channels: 1, height: 8, width: 8), classCount: 10, blocks: 3,
                                      widthMultiplier: 1.0 / 16),
        ]
        for plan in plans {
            let network = Sequential<Float>(plan, maxBatch: 2, seed: 0)
            XCTAssertEqual(network.parameters.reduce(0) { $0 + $1.count }, plan.parameterCount, plan.name)
        }
        XCTAssertEqual(plans[0].trainingFlopsPerPoint, 2 * (3 * (100.0 * 100 * 3 + 1000) - 10_000))
    }

    // Whole networks in Float64 against finite differences.

    func testResidualBasicWithProjectionGradients() throws {
        let plan = try NetworkPlan.resnet(input: TensorShape(channels: 1, height: 5, width: 5), classCount: 3,
                                          blocks: [.basic, .basic], widthMultiplier: 2.0 / 8, repeat: 1, per: .layer)
        WholeNetworkGradient.check(plan, limit: 30)
    }

    func testResidualBottleneckGradients() throws {
        let plan = try NetworkPlan.resnet(input: TensorShape(channels: 1, height: 5, width: 5), classCount: 3,
                                          blocks: [.bottleneck, .basic], widthMultiplier: 2.0 / 8, repeat: 2)
        WholeNetworkGradient.check(plan, limit: 30)
    }

    func testDenseBlockGradients() throws {
        let plan = try NetworkPlan.densenet(input: TensorShape(channels: 1, height: 4, width: 4), classCount: 3,
                                            layersPerBlock: 2, blocks: 2, growth: 2, repeat: 1)
        WholeNetworkGradient.check(plan, limit: 30)
    }

    func testInceptionGradients() throws {
        let plan = try NetworkPlan.googlenet(input: TensorShape(channels: 1, height: 6, width: 6), classCount: 3, blocks: 3,
                                             widthMultiplier: 1.0 / 64, repeat: 2)
        WholeNetworkGradient.check(plan, limit: 30)
    }

    func testAlexNetGradients() throws {
        let plan = try NetworkPlan.alexnet(input: TensorShape(channels: 1, height: 16, width: 16), classCount: 3,
                                           widthMultiplier: 1.0 / 64, repeat: 2)
        WholeNetworkGradient.check(plan, limit: 20)
    }

    func testVGGGradients() throws {
        let plan = try NetworkPlan.vgg(input: grey32, classCount: 3, variant: 11, widthMultiplier: 1.0 / 64, repeat: 1, kernel: 3)
        WholeNetworkGradient.check(plan, batch: 4, limit: 12)
    }

    /// The frozen-layers experiment: a frozen half keeps its weights bit for bit, the other half and the classifier move.
    func testFrozenPhasesKeepTheirWeights() throws {
        let plan = try NetworkPlan.gfnn(input: .flat(4), classCount: 3, depth: 3, width: 6)
        let classifier = Classifier(plan: plan, maxBatch: 32, seed: 1)
        var generator = SeededGenerator(seed: 2)
        let x = Matrix<Float>(rows: 30, cols: 4, storage: (0..<120).map { _ in Float(generator.normal()) })
        let y = (0..<30).map { $0 % 3 }
        func weights(block: Int) -> [Float] {
            classifier.network.parameters.filter { $0.block == block }.flatMap { Array($0.value.buffer) }
        }
        let before = (0...4).map(weights(block:))
        var config = TrainingConfig(optimizer: .sgd, schedule: StepSchedule(baseRate: 0.1, milestones: []), epochs: 3,
                                    batchSize: 10, weightDecay: 5e-4, phases: [.secondHalf])
        var epochs = 0
        _ = classifier.train(features: x, labels: y, config: config, seed: 0) { _ in epochs += 1 }
        let afterFirst = (0...4).map(weights(block:))
        XCTAssertEqual(epochs, 3)
        XCTAssertNotEqual(afterFirst[0], before[0])
        XCTAssertNotEqual(afterFirst[1], before[1])
        XCTAssertEqual(afterFirst[2], before[2], "second half frozen")
        XCTAssertEqual(afterFirst[3], before[3], "second half frozen")
        XCTAssertNotEqual(afterFirst[4], before[4], "the classifier always trains")
        config.phases = [.firstHalf]
        _ = classifier.train(features: x, labels: y, config: config, seed: 0)
        let afterSecond = (0...4).map(weights(block:))
        XCTAssertEqual(afterSecond[0], afterFirst[0], "first half frozen")
        XCTAssertNotEqual(afterSecond[2], afterFirst[2])
    }
}
