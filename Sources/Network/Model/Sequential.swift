import Linalg

/// A built network: the plan's layers with their buffers, run in order (composite layers nest their own).
final class Sequential<Scalar: NetworkScalar> {
    let plan: NetworkPlan
    let maxBatch: Int
    let nodes: [LayerNode<Scalar>]
    let loss: SoftmaxCrossEntropy<Scalar>
    let parameters: [Parameter<Scalar>]
    /// The threads every layer (and the optimiser) splits its work across; one unless ``Classifier`` says otherwise.
    var team: ThreadTeam = .single {
        didSet { nodes.forEach { $0.assign(team) } }
    }
    /// Times every top-level node's passes when set (``LayerClock``; `seplaw bench --layers`).
    var clock: LayerClock?
    /// Backward stops after this node: nothing before the first trainable layer needs a gradient.
    private let firstTrainable: Int

    /// Builds the layers and initialises them from `seed` (PyTorch defaults, drawn in forward order).
    init(_ plan: NetworkPlan, maxBatch: Int, seed: UInt64) {
        self.plan = plan
        self.maxBatch = maxBatch
        var builder = NetworkBuilder<Scalar>(maxBatch: maxBatch, seed: seed)
        let (nodes, _) = builder.build(plan.layers, from: plan.inputShape, path: plan.name)
        self.nodes = nodes
        firstTrainable = nodes.firstIndex { !$0.parameters.isEmpty } ?? 0
        nodes[firstTrainable].skipInputGradient(repeatPeriod: Self.repeatPeriod(before: firstTrainable, in: nodes))
        loss = SoftmaxCrossEntropy(classes: plan.classCount, maxBatch: maxBatch)
        parameters = nodes.flatMap(\.parameters)
    }

    /// The channels of the network's input when the nodes before `index` only repeat it along channels (and measure
    /// it): the authors' networks start so, and their first convolution folds the copies.
    private static func repeatPeriod(before index: Int, in nodes: [LayerNode<Scalar>]) -> Int? {
        var period: Int?
        for node in nodes[..<index] {
            switch node {
            case let .repeatChannels(layer): period = period ?? layer.inputShape.channels
            case .measure: continue
            default: return nil
            }
        }
        return period
    }

    /// x (batch × input) → logits (batch × K); `record(l, y)` sees each measured hidden output (l = 1…L).
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode,
                 record: LayerNode<Scalar>.Recorder? = nil) -> UnsafePointer<Scalar> {
        precondition(batch <= maxBatch, "batch \(batch) exceeds the preallocated \(maxBatch)")
        guard let clock else { return nodes.forward(x, batch: batch, mode: mode, record: record) }
        var activations = x
        for (index, node) in nodes.enumerated() {
            if node.isMeasurePoint {
                activations = node.forward(activations, batch: batch, mode: mode, record: record)
                continue
            }
            activations = clock.time("f\(index) \(node.label)") {
                node.forward(activations, batch: batch, mode: mode, record: record)
            }
        }
        return activations
    }

    /// dlogits (batch × K) → sets every parameter's gradient.
    func backward(_ dLogits: UnsafePointer<Scalar>, batch: Int) {
        var gradient = dLogits
        for index in nodes.indices[firstTrainable...].reversed() {
            let node = nodes[index]
            if let clock, !node.isMeasurePoint {
                gradient = clock.time("b\(index) \(node.label)") { node.backward(gradient, batch: batch) }
            } else {
                gradient = node.backward(gradient, batch: batch)
            }
        }
    }

    /// Freezes the parameters of the hidden blocks in `blocks` (0-based; the classifier is block L) and
    /// thaws every other one.
    func freeze(blocks: Set<Int>) {
        for parameter in parameters { parameter.isFrozen = blocks.contains(parameter.block) }
    }
}
