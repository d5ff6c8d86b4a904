import Foundation
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

    /// Element-wise work is split only where every part gets the grain; the slices cover the range in order.
    func testForEachSliceSplitsOnlyAboveTheGrain() {
        let team = ThreadTeam(threads: 3)
        for (total, expected) in [(0, [0..<0]), (8, [0..<8]), (9, [0..<3, 3..<6, 6..<9]), (10, [0..<4, 4..<7, 7..<10])] {
            let slices = UnsafeMutablePointer<Range<Int>>.allocate(capacity: 3)
            defer { slices.deallocate() }
            var calls = 0
            let lock = NSLock()
            team.forEachSlice(of: total, grain: 3) { slice in
                lock.lock()
                slices[calls] = slice
                calls += 1
                lock.unlock()
            }
            XCTAssertEqual(Array(UnsafeBufferPointer(start: slices, count: calls)).sorted { $0.lowerBound < $1.lowerBound },
                           expected, "\(total)")
        }
        var single: [Range<Int>] = []
        ThreadTeam.single.forEachSlice(of: 1 << 20) { single.append($0) }
        XCTAssertEqual(single, [0..<(1 << 20)])
    }

    /// Items are handed out one at a time: each computed once, the results in item order, on any team.
    func testMapComputesEveryItemOnceInOrder() {
        for threads in [1, 3] {
            let team = ThreadTeam(threads: threads)
            let calls = UnsafeMutablePointer<Int>.allocate(capacity: 10)
            defer { calls.deallocate() }
            calls.initialize(repeating: 0, count: 10)
            let lock = NSLock()
            let squares = team.map(10) { i -> Int in
                lock.lock()
                calls[i] += 1
                lock.unlock()
                return i * i
            }
            XCTAssertEqual(squares, (0..<10).map { $0 * $0 }, "\(threads) threads")
            XCTAssertEqual(Array(UnsafeBufferPointer(start: calls, count: 10)), Array(repeating: 1, count: 10))
            XCTAssertEqual(team.map(0) { $0 }, [])
            XCTAssertEqual(team.map(1) { $0 + 7 }, [7])
            XCTAssertEqual(team.map(2) { String($0) }, ["0", "1"], "non-trivial values are moved out whole")
        }
    }

    /// A product's output is split along its longer side (counting a column unit's values), into whole rows or
    /// columns of units; below the grain it stays whole.
    func testForEachBlockSplitsTheLongerSide() {
        let team = ThreadTeam(threads: 3)
        func blocks(rows: Int, columns: Int, columnValues: Int = 1, work: Int) -> [[Range<Int>]] {
            var found: [[Range<Int>]] = []
            let lock = NSLock()
            team.forEachBlock(rows: rows, columns: columns, columnValues: columnValues, work: work) { r, c in
                lock.lock()
                found.append([r, c])
                lock.unlock()
            }
            return found.sorted { ($0[0].lowerBound, $0[1].lowerBound) < ($1[0].lowerBound, $1[1].lowerBound) }
        }
        let big = 1 << 20
        XCTAssertEqual(blocks(rows: 4, columns: 10, work: big), [[0..<4, 0..<4], [0..<4, 4..<7], [0..<4, 7..<10]])
        XCTAssertEqual(blocks(rows: 10, columns: 4, work: big), [[0..<4, 0..<4], [4..<7, 0..<4], [7..<10, 0..<4]])
        // 3 channels of 4 values are 12 values a row, longer than 10 rows: split by channels.
        XCTAssertEqual(blocks(rows: 10, columns: 3, columnValues: 4, work: big), [[0..<10, 0..<1], [0..<10, 1..<2], [0..<10, 2..<3]])
        XCTAssertEqual(blocks(rows: 10, columns: 2, columnValues: 4, work: big), [[0..<4, 0..<2], [4..<7, 0..<2], [7..<10, 0..<2]])
        XCTAssertEqual(blocks(rows: 4, columns: 10, work: 1), [[0..<4, 0..<10]], "below the grain: one block")
    }

    /// A dense layer large enough to split its products (rows of the batch, rows of dW) on 3 threads: the same bits
    /// on every run, within Float32 rounding of one thread; rectifiers and the three optimisers' updates (element-wise)
    /// give one thread's bits exactly.
    func testDenseRectifierAndOptimiserOnATeam() {
        // Outputs longer than the batch (blocks of columns, each part reading its rows of W) and shorter (rows).
        for (batch, inputs, outputs) in [(64, 300, 200), (512, 300, 40)] {
            checkDenseOnATeam(batch: batch, inputs: inputs, outputs: outputs)
        }
        checkRectifierAndOptimiserOnATeam()
    }

    func checkDenseOnATeam(batch: Int, inputs: Int, outputs: Int) {
        let x = FiniteDifference.random(batch * inputs, seed: 21).map(Float.init)
        let dy = FiniteDifference.random(batch * outputs, seed: 22).map(Float.init)
        func dense(_ threads: Int) -> [[Float]] {
            let layer = Dense<Float>(inputDimension: inputs, outputDimension: outputs, maxBatch: batch, name: "fc")
            var generator = SeededGenerator(seed: 23)
            layer.initialize(using: &generator)
            layer.team = ThreadTeam(threads: threads)
            let y = x.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch), count: dy.count)) }
            let dx = dy.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: batch), count: x.count)) }
            return [y, dx, Array(layer.weight.gradient.buffer), Array(layer.bias.gradient.buffer)]
        }
        let single = dense(1), split = dense(3)
        XCTAssertTrue(dense(3) == split, "dense")
        for (name, (got, expected)) in zip(["y", "dx", "dW", "db"], zip(split, single)) {
            let scale = expected.map { abs($0) }.max() ?? 1
            XCTAssertLessThan((zip(got, expected).map { abs($0 - $1) }.max() ?? 0) / scale, 1e-5, "\(name) \(batch)×\(inputs)→\(outputs)")
        }
    }

    func checkRectifierAndOptimiserOnATeam() {
        let features = 1 << 16
        let values = FiniteDifference.random(2 * features, seed: 24).map(Float.init)
        func rectifier(_ threads: Int) -> [[Float]] {
            let layer = ReLU<Float>(features: features, maxBatch: 2)
            layer.team = ThreadTeam(threads: threads)
            let y = values.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: 2), count: values.count)) }
            let dx = values.reversed().withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: layer.backward($0.baseAddress!, batch: 2), count: values.count)) }
            return [y, dx]
        }
        XCTAssertTrue(rectifier(3) == rectifier(1), "rectifier")  // (arrays too long to print)

        for kind in [OptimizerKind.sgd, .momentum(0.9), .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)] {
            func update(_ threads: Int) -> [Float] {
                let parameter = Parameter<Float>(name: "w", count: values.count)
                parameter.value.pointer.update(from: values, count: values.count)
                let optimizer = Optimizer(kind, weightDecay: 5e-4, parameters: [parameter], team: ThreadTeam(threads: threads))
                for step in 0..<3 {
                    for i in 0..<values.count { parameter.gradient.pointer[i] = values[(i * 7 + step) % values.count] }
                    optimizer.step(learningRate: 0.01)
                }
                return Array(parameter.value.buffer)
            }
            XCTAssertTrue(update(3) == update(1), "\(kind)")
        }
    }

    /// A concatenation (an identity branch beside a rectifier, DenseNet's shape) and an unfused rectified residual
    /// block split their copies and sums on 3 threads: one thread's bits exactly, forward and backward.
    func testConcatenationAndResidualSumsOnATeam() {
        let features = 4096, batch = 16
        let x = FiniteDifference.random(batch * features, seed: 31).map(Float.init)
        func passes(_ node: LayerNode<Float>, outputs: Int, threads: Int) -> [[Float]] {
            node.assign(ThreadTeam(threads: threads))
            let y = x.withUnsafeBufferPointer {
                Array(UnsafeBufferPointer(start: node.forward($0.baseAddress!, batch: batch, mode: .train, record: nil),
                                          count: batch * outputs))
            }
            let dy = FiniteDifference.random(batch * outputs, seed: 32).map(Float.init)
            let dx = dy.withUnsafeBufferPointer {
                Array(UnsafeBufferPointer(start: node.backward($0.baseAddress!, batch: batch), count: x.count))
            }
            return [y, dx]
        }
        func concatenation() -> LayerNode<Float> {
            .concatenation(Concatenation(branches: [[], [.relu(ReLU(features: features, maxBatch: batch))]],
                                         branchCounts: [features, features], inputCount: features, maxBatch: batch))
        }
        XCTAssertTrue(passes(concatenation(), outputs: 2 * features, threads: 3)
                      == passes(concatenation(), outputs: 2 * features, threads: 1), "concatenation")
        func residual() -> LayerNode<Float> {
            .residual(ResidualBlock(body: [.relu(ReLU(features: features, maxBatch: batch))], shortcut: [], rectify: true,
                                    inputCount: features, outputCount: features, maxBatch: batch, fuse: false))
        }
        XCTAssertTrue(passes(residual(), outputs: features, threads: 3) == passes(residual(), outputs: features, threads: 1),
                      "residual")
        // Against the definition: y = [x, max(x, 0)] per example, dx = dy₁ + dy₂·[x > 0].
        let split = passes(concatenation(), outputs: 2 * features, threads: 3)
        let dy = FiniteDifference.random(batch * 2 * features, seed: 32).map(Float.init)
        for example in [0, 9, 15] {
            for j in [0, 1, 2047, 4095] {
                let i = example * features + j, row = example * 2 * features
                XCTAssertEqual(split[0][row + j], x[i])
                XCTAssertEqual(split[0][row + features + j], max(x[i], 0))
                XCTAssertEqual(split[1][i], dy[row + j] + (x[i] > 0 ? dy[row + features + j] : 0))
            }
        }
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
