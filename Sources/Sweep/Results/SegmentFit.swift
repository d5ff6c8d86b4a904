import Separation

/// The law fitted over the measured layers `first…last` only (one straight segment of a piecewise law).
public struct SegmentFit: Codable, Sendable, Equatable {
    public var first: Int
    public var last: Int
    public var fit: LawFit

    public init(first: Int, last: Int, fit: LawFit) {
        self.first = first
        self.last = last
        self.fit = fit
    }
}
