/// The shape of one example: `channels × height × width`, stored channel-major (NCHW without the N).
/// A flat feature vector of dimension d is `d × 1 × 1`.
public struct TensorShape: Sendable, Hashable, Codable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// A flat vector of `dimension` features.
    public static func flat(_ dimension: Int) -> TensorShape {
        TensorShape(channels: dimension, height: 1, width: 1)
    }

    /// Elements per example.
    public var count: Int { channels * height * width }

    /// Elements per channel.
    public var spatial: Int { height * width }

    /// Whether this is a flat vector (no spatial extent).
    public var isFlat: Bool { height == 1 && width == 1 }

    public var description: String { isFlat ? "\(channels)" : "\(channels)×\(height)×\(width)" }
}
