import Linalg

/// A feed-forward network as a list of layers, with the points whose outputs are measured.
final class Sequential<Scalar: NetworkScalar> {
    let architecture: FeedForwardArchitecture
    let maxBatch: Int
    let nodes: [LayerNode<Scalar>]
    /// Node indices whose outputs are the measured hidden layers l = 1…L (l = 0 is the input).
    let measuredNodes: [Int]
    let loss: SoftmaxCrossEntropy<Scalar>
    let parameters: [Parameter<Scalar>]

    /// Builds the layers and initialises them from `seed` (PyTorch defaults).
    init(_ architecture: FeedForwardArchitecture, maxBatch: Int, seed: UInt64) {
        self.architecture = architecture
        self.maxBatch = maxBatch
        var nodes: [LayerNode<Scalar>] = []
        var measured: [Int] = []
        var previous = architecture.inputDimension
        var generator = SeededGenerator(seed: seed, stream: "init")
        for (index, width) in architecture.hiddenWidths.enumerated() {
            let dense = Dense<Scalar>(inputDimension: previous, outputDimension: width, maxBatch: maxBatch, name: "hidden\(index + 1).linear")
            dense.initialize(using: &generator)
            dense.needsInputGradient = index > 0
            nodes.append(.dense(dense))
            let rectify = architecture.activation == .relu
            if architecture.batchNorm {
                // BatchNorm followed by ReLU runs as one fused layer.
                nodes.append(.batchNorm(BatchNorm1d(features: width, maxBatch: maxBatch, name: "hidden\(index + 1).bn", rectify: rectify)))
            } else if rectify {
                nodes.append(.relu(ReLU(features: width, maxBatch: maxBatch)))
            }
            measured.append(nodes.count - 1)
            previous = width
        }
        let classifier = Dense<Scalar>(inputDimension: previous, outputDimension: architecture.classCount, maxBatch: maxBatch, name: "classifier")
        classifier.initialize(using: &generator)
        classifier.needsInputGradient = !architecture.hiddenWidths.isEmpty
        nodes.append(.dense(classifier))
        self.nodes = nodes
        self.measuredNodes = measured
        self.loss = SoftmaxCrossEntropy(classes: architecture.classCount, maxBatch: maxBatch)
        self.parameters = nodes.flatMap(\.parameters)
    }

    /// x (batch × d) → logits (batch × K); `record(l, y)` sees each measured hidden output (l = 1…L).
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode,
                 record: ((Int, UnsafePointer<Scalar>) -> Void)? = nil) -> UnsafePointer<Scalar> {
        precondition(batch <= maxBatch, "batch \(batch) exceeds the preallocated \(maxBatch)")
        var activations = x
        var nextMeasured = 0
        for (index, node) in nodes.enumerated() {
            activations = node.forward(activations, batch: batch, mode: mode)
            if let record, nextMeasured < measuredNodes.count, measuredNodes[nextMeasured] == index {
                nextMeasured += 1
                record(nextMeasured, activations)
            }
        }
        return activations
    }

    /// dlogits (batch × K) → sets every parameter's gradient.
    func backward(_ dLogits: UnsafePointer<Scalar>, batch: Int) {
        var gradient = dLogits
        for node in nodes.reversed() {
            gradient = node.backward(gradient, batch: batch)
        }
    }
}
