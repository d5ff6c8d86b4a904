/// Which hidden blocks stay at their current weights during a training phase (the frozen-layers experiment).
/// Blocks are counted by measured points: block l ends at measured point l + 1; the classifier always trains.
public enum FrozenPart: String, Sendable, Codable, CaseIterable {
    case none
    /// Blocks 0 ..< L/2.
    case firstHalf = "first_half"
    /// Blocks L/2 ..< L.
    case secondHalf = "second_half"

    /// The frozen block indices of a network with `depth` (L) measured hidden points.
    public func blocks(depth: Int) -> Set<Int> {
        switch self {
        case .none: return []
        case .firstHalf: return Set(0..<(depth / 2))
        case .secondHalf: return Set((depth / 2)..<depth)
        }
    }
}
