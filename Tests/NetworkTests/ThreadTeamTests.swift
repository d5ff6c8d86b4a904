import XCTest
import Linalg
@testable import Network

/// Threads inside a job: the static split, layers on a team against the same layers on one thread, and a whole
/// convolutional network trained twice on the same team giving the same bits.
final class ThreadTeamTests: XCTestCase {
    func testRangesCoverInOrder() {
        for threads in 1...5 {
            let team = ThreadTeam(threads: threads)
            for total in [0, 1, 3, 7, 128] {
                let ranges = team.ranges(total)
                XCTAssertEqual(ranges.count, threads)
                XCTAssertEqual(ranges.first?.lowerBound, 0)
                XCTAssertEqual(ranges.last?.upperBound, total)
                for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
                XCTAssertLessThanOrEqual((ranges.map(\.count).max() ?? 0) - (ranges.map(\.count).min() ?? 0), 1)
            }
        }
        XCTAssertEqual(ThreadTeam(threads: 0).count, 1)
        XCTAssertEqual(ThreadTeam(threads: -3).count, 1)
    }

    func testRunCallsEveryPartOnce() {
        let team = ThreadTeam(threads: 4)
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: 4)
        defer { hits.deallocate() }
        hits.initialize(repeating: 0, count: 4)
        team.run { hits[$0] += 1 }
        XCTAssertEqual(Array(UnsafeBufferPointer(start: hits, count: 4)), [1, 1, 1, 1])
    }

    /// One Float32 convolution forward + backward: [y, dx, dW, db].
    func convolutionResults(algorithm: ConvolutionAlgorithm, threads: Int, batch: Int = 7) -> [[Float]] {
        let input = TensorShape(channels: 5, height: 9, width: 11)
        let layer = Conv2d<Float>(input: input, outputChannels: 6, kernel: 3, stride: 1, padding: 1, bias: true,
                                  maxBatch: 8, name: "c", groupSize: 2, algorithm: algorithm)
        layer.team = ThreadTeam(threads: threads)
        var generator = SeededGenerator(seed: 2)
        layer.initialize(using: &generator)
        let x = FiniteDifference.random(batch * input.count, seed: 3).map(Float.init)
        let dy = FiniteDifference.random(batch * layer.outputShape.count, seed: 4).map(Float.init)
        let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
        let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
        return [y, dx] + layer.parameters.map { Array($0.gradient.buffer) }
    }

    /// On 3 threads (and on more threads than images): the same bits on every run; outputs and input gradients
    /// equal to one thread's, parameter gradients within Float32 rounding (their parts are summed in another order).
    func testConvolutionOnATeam() {
        for algorithm in [ConvolutionAlgorithm.direct, .im2col] {
            let single = convolutionResults(algorithm: algorithm, threads: 1)
            for threads in [3, 9] {
                let first = convolutionResults(algorithm: algorithm, threads: threads)
                XCTAssertEqual(convolutionResults(algorithm: algorithm, threads: threads), first, "\(algorithm) \(threads)")
                if algorithm == .direct {
                    XCTAssertEqual(first[0], single[0])
                    XCTAssertEqual(first[1], single[1])
                }
                for (got, expected) in zip(first, single) {
                    let scale = expected.map { abs($0) }.max() ?? 1
                    let error = zip(got, expected).map { abs($0 - $1) }.max() ?? 0
                    XCTAssertLessThan(error / scale, 1e-5, "\(algorithm) \(threads)")
                }
            }
        }
    }

    /// BatchNorm2d (rectified) and max pooling split channels or planes: the same bits as one thread.
    func testPerChannelLayersBitwiseEqual() {
        let shape = TensorShape(channels: 5, height: 6, width: 6), batch = 4
        let x = FiniteDifference.random(batch * shape.count, seed: 8).map(Float.init)
        let dy = FiniteDifference.random(batch * shape.count, seed: 9).map(Float.init)
        func batchNorm(_ threads: Int) -> [[Float]] {
            let layer = BatchNorm2d<Float>(shape: shape, maxBatch: batch, name: "bn", rectify: true)
            layer.team = ThreadTeam(threads: threads)
            let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch, mode: .train), count: x.count)) }
            let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
            return [y, dx, Array(layer.gamma.gradient.buffer), Array(layer.beta.gradient.buffer), Array(layer.runningMean.buffer)]
        }
        XCTAssertEqual(batchNorm(3), batchNorm(1))
        func pool(_ threads: Int) -> [[Float]] {
            let layer = MaxPool2d<Float>(input: shape, kernel: 3, stride: 2, padding: 1, maxBatch: batch)
            layer.team = ThreadTeam(threads: threads)
            let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: batch * layer.outputShape.count)) }
            let g = Array(dy.prefix(y.count))
            let dx = g.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
            return [y, dx]
        }
        XCTAssertEqual(pool(4), pool(1))
    }

    /// A small 8-channel ResNet trained twice on 3 threads: the same loss and weights bit for bit; one thread
    /// reaches nearly the same loss.
    func testClassifierTrainsDeterministicallyOnThreads() throws {
        let shape = TensorShape(channels: 1, height: 8, width: 8)
        let plan = try NetworkPlan.resnet(input: shape, classCount: 3, blocks: [.basic, .basic], widthMultiplier: 0.125)
        let n = 48
        let features = Matrix<Float>(rows: n, cols: shape.count, storage: FiniteDifference.random(n * shape.count, seed: 12).map(Float.init))
        let labels = (0..<n).map { $0 % 3 }
        let config = TrainingConfig(optimizer: .momentum(0.9), schedule: .paperDefault(baseRate: 0.05, epochs: 2),
                                    epochs: 2, batchSize: 16, weightDecay: 5e-4)
        func train(_ threads: Int) -> (Double, [Float]) {
            let classifier = Classifier(plan: plan, maxBatch: 16, seed: 5, threads: threads)
            XCTAssertEqual(classifier.threads, threads)
            let outcome = classifier.train(features: features, labels: labels, config: config, seed: 6)
            return (outcome.finalLoss, classifier.network.parameters.flatMap { Array($0.value.buffer) })
        }
        let (lossA, weightsA) = train(3), (lossB, weightsB) = train(3), (lossOne, _) = train(1)
        XCTAssertEqual(lossA, lossB)
        XCTAssertEqual(weightsA, weightsB)
        XCTAssertEqual(lossA, lossOne, accuracy: 1e-3 * abs(lossOne))
    }
}
