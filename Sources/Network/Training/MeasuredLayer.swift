import Linalg

/// The features of every point at one measured layer.
public struct MeasuredLayer: Sendable {
    /// 0 for the input, then 1…L for the hidden blocks.
    public let index: Int
    public let name: String
    /// n × dimension.
    public let features: Matrix<Float>
}
