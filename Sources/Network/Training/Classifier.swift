import Linalg
import Vocabulary

/// A Float32 network with its trainer: the entry point the sweep engine uses.
///
/// The generic layers are specialised for Float inside this module; callers see only concrete types.
public final class Classifier {
    public let plan: NetworkPlan
    let network: Sequential<Float>
    private let trainer: Trainer<Float>

    /// The threads one training step's layers split their work across.
    public let threads: Int

    /// A freshly initialised network (PyTorch-default initialisation drawn from `seed`);
    /// `maxBatch` bounds every batch passed later. With `threads` > 1 every layer's products and passes and the
    /// optimiser's update split across that many threads (a ``ThreadTeam``): results are the same on every run with
    /// the same `threads`; with `threads` = 1 everything runs on the calling thread. The team calls OpenBLAS from
    /// several threads at once, so OpenBLAS should then run on one thread (``JobRunner`` sees to it).
    public init(plan: NetworkPlan, maxBatch: Int, seed: UInt64, threads: Int = 1) {
        self.plan = plan
        self.threads = max(1, threads)
        network = Sequential(plan, maxBatch: maxBatch, seed: seed)
        trainer = Trainer(network: network)
        if self.threads > 1 { network.team = ThreadTeam(threads: self.threads) }
    }

    /// Times every layer's passes and the optimiser's steps from now on when set (`seplaw bench --layers`).
    public var clock: LayerClock? {
        get { network.clock }
        set { network.clock = newValue }
    }

    /// Trains on `features` (n × d); the minibatch order is drawn from `seed`.
    public func train(features: Matrix<Float>, labels: [Int], config: TrainingConfig, seed: UInt64,
                      progress: ((EpochReport) -> Void)? = nil) -> TrainingOutcome {
        precondition(features.cols == plan.inputShape.count && features.rows == labels.count)
        return features.storage.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress, features.rows > 0 else {
                return TrainingOutcome(epochsCompleted: 0, finalLoss: .nan, diverged: false)
            }
            return trainer.train(features: base, labels: labels, count: features.rows,
                                 config: config, seed: seed, progress: progress)
        }
    }

    /// Fraction of points classified correctly, in batches of at most `maxBatch`.
    public func accuracy(features: Matrix<Float>, labels: [Int], mode: Mode = .eval) -> Double {
        guard features.rows > 0 else { return .nan }
        var correct = 0
        let k = plan.classCount
        let staging = UnsafeMutablePointer<Int32>.allocate(capacity: network.maxBatch)
        defer { staging.deallocate() }
        forEachChunk(of: features, size: network.maxBatch) { start, batch, input in
            for i in 0..<batch { staging[i] = Int32(labels[start + i]) }
            let logits = network.forward(input, batch: batch, mode: mode)
            correct += Trainer<Float>.countCorrect(logits, labels: staging, batch: batch, classes: k)
        }
        return Double(correct) / Double(features.rows)
    }

    /// The features of every point at every measured layer (l = 0 is the input itself),
    /// read in consecutive chunks of `chunk` points under `mode`.
    public func measuredFeatures(of features: Matrix<Float>, mode: Mode, chunk: Int) -> [MeasuredLayer] {
        let n = features.rows
        let layers = plan.measuredPoints
        var outputs = layers.dropFirst().map { Matrix<Float>(rows: n, cols: $0.dimension) }
        forEachChunk(of: features, size: min(chunk, network.maxBatch)) { start, batch, input in
            _ = network.forward(input, batch: batch, mode: mode) { layer, values in
                let width = outputs[layer - 1].cols
                outputs[layer - 1].storage.withUnsafeMutableBufferPointer { target in
                    (target.baseAddress! + start * width).update(from: values, count: batch * width)
                }
            }
        }
        var result = [MeasuredLayer(index: 0, name: layers[0].name, features: features)]
        for (offset, matrix) in outputs.enumerated() {
            result.append(MeasuredLayer(index: offset + 1, name: layers[offset + 1].name, features: matrix))
        }
        return result
    }

    /// The classifier's weights W (classCount × last hidden width; row k is class k's vector), widened to Float64.
    public var classifierWeights: Matrix<Double> {
        guard case let .dense(layer)? = network.nodes.last else { return Matrix(rows: 0, cols: 0) }
        let buffer = UnsafeBufferPointer(start: layer.weight.value.pointer, count: layer.weight.count)
        return Matrix(rows: layer.outputDimension, cols: layer.inputDimension, storage: buffer.map(Double.init))
    }

    /// Calls `body(start, batch, rows)` for consecutive chunks of rows.
    private func forEachChunk(of features: Matrix<Float>, size: Int,
                              _ body: (Int, Int, UnsafePointer<Float>) -> Void) {
        let d = features.cols
        features.storage.withUnsafeBufferPointer { pointer in
            var start = 0
            while start < features.rows {
                let batch = min(max(size, 1), features.rows - start)
                body(start, batch, pointer.baseAddress! + start * d)
                start += batch
            }
        }
    }
}
