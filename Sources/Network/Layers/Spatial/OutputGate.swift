/// How the gradient reaching a 2-D BatchNorm passes back through what was fused onto its output. A gate is a type,
/// not a value, so that each backward loop is compiled once per gate with no test inside it (a run-time switch in
/// the loop stopped it from being vectorised).
protocol OutputGate {
    /// Whether the gradient depends on the output (an open gate never loads it).
    static var readsOutput: Bool { get }
    /// The gradient of one element with output `y`.
    static func pass<Scalar: NetworkScalar>(_ dy: Scalar, output y: Scalar) -> Scalar
    /// The gate's number for the C kernels (`seplaw_plane_gradient_sums`).
    static var kernelCode: Int32 { get }
}

extension OutputGate {
    /// The gradient of element `k`, from the gradient `dy` and the output `y` (not loaded by a gate that does not
    /// read it).
    @inline(__always)
    static func gradient<Scalar: NetworkScalar>(_ dy: UnsafePointer<Scalar>, output y: UnsafePointer<Scalar>,
                                                at k: Int) -> Scalar {
        pass(dy[k], output: readsOutput ? y[k] : 0)
    }
}

/// Nothing fused: the gradient is dy.
enum OpenGate: OutputGate {
    static var readsOutput: Bool { false }
    static var kernelCode: Int32 { 0 }
    @inline(__always) static func pass<Scalar: NetworkScalar>(_ dy: Scalar, output _: Scalar) -> Scalar { dy }
}

/// A fused ReLU: dy·(y > 0 ? 1 : 0), as the separate layer pair computed it.
enum RectifierGate: OutputGate {
    static var readsOutput: Bool { true }
    static var kernelCode: Int32 { 1 }
    @inline(__always) static func pass<Scalar: NetworkScalar>(_ dy: Scalar, output y: Scalar) -> Scalar {
        dy * (y > 0 ? 1 : 0)
    }
}

/// A residual block's add and ReLU: y > 0 ? dy : 0, as ``ResidualBlock`` computed it.
enum ResidualRectifierGate: OutputGate {
    static var readsOutput: Bool { true }
    static var kernelCode: Int32 { 2 }
    @inline(__always) static func pass<Scalar: NetworkScalar>(_ dy: Scalar, output y: Scalar) -> Scalar { y > 0 ? dy : 0 }
}
