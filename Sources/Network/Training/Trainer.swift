import Linalg
import Vocabulary

/// Minibatch training of a `Sequential` with cross-entropy, reshuffling every epoch from a seeded generator.
/// All buffers are sized up front: a training step allocates nothing.
final class Trainer<Scalar: NetworkScalar> {
    let network: Sequential<Scalar>
    private let stagingInput: Buffer<Scalar>
    private let stagingLabels: UnsafeMutablePointer<Int32>

    init(network: Sequential<Scalar>) {
        self.network = network
        stagingInput = Buffer(count: network.maxBatch * network.plan.inputShape.count)
        stagingLabels = .allocate(capacity: network.maxBatch)
    }

    deinit { stagingLabels.deallocate() }

    /// Trains on `features` (n × d) with `labels`; `progress` is called after every epoch.
    func train(features: UnsafePointer<Scalar>, labels: [Int], count n: Int, config: TrainingConfig, seed: UInt64,
               progress: ((EpochReport) -> Void)?) -> TrainingOutcome {
        let d = network.plan.inputShape.count, k = network.plan.classCount
        let batchSize = min(config.batchSize, network.maxBatch)
        var generator = SeededGenerator(seed: seed, stream: "batches")
        var order = Array(0..<n)
        var lastLoss = Double.nan
        let totalEpochs = config.epochs * config.phases.count
        var optimizer = Optimizer<Scalar>(config.optimizer, weightDecay: config.weightDecay, parameters: network.parameters,
                                          team: network.team)
        for step in 0..<totalEpochs {
            let (phase, epoch) = step.quotientAndRemainder(dividingBy: max(config.epochs, 1))
            if epoch == 0 && config.phases != [.none] {
                network.freeze(blocks: config.phases[phase].blocks(depth: network.plan.depth))
                optimizer = Optimizer<Scalar>(config.optimizer, weightDecay: config.weightDecay,
                                              parameters: network.parameters, team: network.team)
            }
            generator.shuffle(&order)
            let rate = config.schedule.rate(atEpoch: epoch)
            var lossSum = 0.0, correct = 0
            var start = 0
            while start < n {
                let batch = min(batchSize, n - start)
                for row in 0..<batch {
                    let source = order[start + row]
                    (stagingInput.pointer + row * d).update(from: features + source * d, count: d)
                    stagingLabels[row] = Int32(labels[source])
                }
                let logits = network.forward(stagingInput.pointer, batch: batch, mode: .train)
                correct += Self.countCorrect(logits, labels: stagingLabels, batch: batch, classes: k)
                let loss = network.loss.forward(logits, labels: stagingLabels, batch: batch)
                lossSum += loss * Double(batch)
                let dLogits = network.loss.backward(labels: stagingLabels, batch: batch)
                network.backward(dLogits, batch: batch)
                if let clock = network.clock {
                    clock.time("optimiser") { optimizer.step(learningRate: rate) }
                } else {
                    optimizer.step(learningRate: rate)
                }
                start += batch
            }
            lastLoss = lossSum / Double(max(n, 1))
            if !lastLoss.isFinite {
                return TrainingOutcome(epochsCompleted: step, finalLoss: lastLoss, diverged: true)
            }
            progress?(EpochReport(epoch: step + 1, epochs: totalEpochs, loss: lastLoss,
                                  accuracy: Double(correct) / Double(max(n, 1)), learningRate: rate))
        }
        network.freeze(blocks: [])
        return TrainingOutcome(epochsCompleted: totalEpochs, finalLoss: lastLoss, diverged: false)
    }

    /// The number of rows of `logits` whose arg-max equals the label.
    static func countCorrect(_ logits: UnsafePointer<Scalar>, labels: UnsafePointer<Int32>, batch: Int, classes k: Int) -> Int {
        var correct = 0
        for i in 0..<batch {
            let row = logits + i * k
            var best = 0
            for j in 1..<k where row[j] > row[best] { best = j }
            if best == Int(labels[i]) { correct += 1 }
        }
        return correct
    }
}
