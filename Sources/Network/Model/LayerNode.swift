/// One built layer; an enum rather than an existential so that every call is statically dispatched and
/// specialised for the scalar type. Composite layers hold lists of nodes.
enum LayerNode<Scalar: NetworkScalar> {
    /// Sees the features of measured point l (1…L) for every example of a batch.
    typealias Recorder = (Int, UnsafePointer<Scalar>) -> Void

    case dense(Dense<Scalar>)
    case batchNorm(BatchNorm1d<Scalar>)
    case relu(ReLU<Scalar>)
    case convolution(Conv2d<Scalar>)
    case batchNorm2d(BatchNorm2d<Scalar>)
    case maxPool(MaxPool2d<Scalar>)
    case averagePool(AvgPool2d<Scalar>)
    case repeatChannels(ChannelRepeat<Scalar>)
    case residual(ResidualBlock<Scalar>)
    case concatenation(Concatenation<Scalar>)
    case measure(MeasurePoint)

    /// x (batch × in) → y (batch × out)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode, record: Recorder?) -> UnsafePointer<Scalar> {
        switch self {
        case let .dense(layer): return layer.forward(x, batch: batch)
        case let .batchNorm(layer): return layer.forward(x, batch: batch, mode: mode)
        case let .relu(layer): return layer.forward(x, batch: batch)
        case let .convolution(layer): return layer.forward(x, batch: batch)
        case let .batchNorm2d(layer): return layer.forward(x, batch: batch, mode: mode)
        case let .maxPool(layer): return layer.forward(x, batch: batch, mode: mode)
        case let .averagePool(layer): return layer.forward(x, batch: batch)
        case let .repeatChannels(layer): return layer.forward(x, batch: batch)
        case let .residual(block): return block.forward(x, batch: batch, mode: mode, record: record)
        case let .concatenation(block): return block.forward(x, batch: batch, mode: mode)
        case let .measure(point):
            record?(point.index, x)
            return x
        }
    }

    /// dy (batch × out) → dx (batch × in)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        switch self {
        case let .dense(layer): return layer.backward(dy, batch: batch)
        case let .batchNorm(layer): return layer.backward(dy, batch: batch)
        case let .relu(layer): return layer.backward(dy, batch: batch)
        case let .convolution(layer): return layer.backward(dy, batch: batch)
        case let .batchNorm2d(layer): return layer.backward(dy, batch: batch)
        case let .maxPool(layer): return layer.backward(dy, batch: batch)
        case let .averagePool(layer): return layer.backward(dy, batch: batch)
        case let .repeatChannels(layer): return layer.backward(dy, batch: batch)
        case let .residual(block): return block.backward(dy, batch: batch)
        case let .concatenation(block): return block.backward(dy, batch: batch)
        case .measure: return dy
        }
    }

    /// Every trainable tensor of this node, nested layers included, in build order.
    var parameters: [Parameter<Scalar>] {
        switch self {
        case let .dense(layer): return [layer.weight, layer.bias]
        case let .batchNorm(layer): return [layer.gamma, layer.beta]
        case let .convolution(layer): return layer.parameters
        case let .batchNorm2d(layer): return layer.parameters
        case let .residual(block): return (block.body + block.shortcut).flatMap(\.parameters)
        case let .concatenation(block): return block.branches.flatMap { $0.flatMap(\.parameters) }
        case .relu, .maxPool, .averagePool, .repeatChannels, .measure: return []
        }
    }

    /// Tells the first trainable layer of a network that nobody needs its input gradient; `repeatPeriod` says that
    /// its input is a ``ChannelRepeat`` of that many channels, which a convolution folds (``RepeatedInputFold``).
    func skipInputGradient(repeatPeriod: Int? = nil) {
        switch self {
        case let .dense(layer): layer.needsInputGradient = false
        case let .convolution(layer):
            layer.needsInputGradient = false
            if let repeatPeriod { layer.foldRepeatedInput(period: repeatPeriod) }
        case let .residual(block): block.skipInputGradient(repeatPeriod: repeatPeriod)
        default: break
        }
    }
}

extension Array {
    /// Runs the nodes in order: x (batch × in) → y (batch × out); an empty list passes x through.
    func forward<Scalar>(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode,
                         record: LayerNode<Scalar>.Recorder?) -> UnsafePointer<Scalar> where Element == LayerNode<Scalar> {
        var activations = x
        for node in self { activations = node.forward(activations, batch: batch, mode: mode, record: record) }
        return activations
    }

    /// Runs the nodes backwards: dy (batch × out) → dx (batch × in).
    func backward<Scalar>(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> where Element == LayerNode<Scalar> {
        var gradient = dy
        for node in reversed() { gradient = node.backward(gradient, batch: batch) }
        return gradient
    }
}
