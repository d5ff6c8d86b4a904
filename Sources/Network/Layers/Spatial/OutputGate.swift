/// How the gradient reaching a 2-D BatchNorm passes back through what was fused onto its output.
enum OutputGate {
    /// Nothing fused: the gradient is dy.
    case open
    /// A fused ReLU: dy·(y > 0 ? 1 : 0), as the separate layer pair computed it.
    case rectifier
    /// A residual block's add and ReLU: y > 0 ? dy : 0, as ``ResidualBlock`` computed it.
    case residualRectifier

    /// The gradient of one element with output `y`.
    @inline(__always)
    func pass<Scalar: NetworkScalar>(_ dy: Scalar, output y: Scalar) -> Scalar {
        switch self {
        case .open: return dy
        case .rectifier: return dy * (y > 0 ? 1 : 0)
        case .residualRectifier: return y > 0 ? dy : 0
        }
    }

    /// Whether the gradient depends on the output.
    var readsOutput: Bool { self != .open }
}
