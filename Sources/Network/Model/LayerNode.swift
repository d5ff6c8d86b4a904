/// One layer of a sequential network; an enum rather than an existential so that every call is
/// statically dispatched and specialised for the scalar type.
enum LayerNode<Scalar: NetworkScalar> {
    case dense(Dense<Scalar>)
    case batchNorm(BatchNorm1d<Scalar>)
    case relu(ReLU<Scalar>)

    /// x (batch × in) → y (batch × out)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode) -> UnsafePointer<Scalar> {
        switch self {
        case let .dense(layer): return layer.forward(x, batch: batch)
        case let .batchNorm(layer): return layer.forward(x, batch: batch, mode: mode)
        case let .relu(layer): return layer.forward(x, batch: batch)
        }
    }

    /// dy (batch × out) → dx (batch × in)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        switch self {
        case let .dense(layer): return layer.backward(dy, batch: batch)
        case let .batchNorm(layer): return layer.backward(dy, batch: batch)
        case let .relu(layer): return layer.backward(dy, batch: batch)
        }
    }

    var outputDimension: Int {
        switch self {
        case let .dense(layer): return layer.outputDimension
        case let .batchNorm(layer): return layer.features
        case let .relu(layer): return layer.features
        }
    }

    var parameters: [Parameter<Scalar>] {
        switch self {
        case let .dense(layer): return [layer.weight, layer.bias]
        case let .batchNorm(layer): return [layer.gamma, layer.beta]
        case .relu: return []
        }
    }
}
