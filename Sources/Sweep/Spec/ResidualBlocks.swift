import Vocabulary

/// The residual blocks of a `resnet` (`model.block`); the engine turns it into Network's list of block kinds.
public enum ResidualBlocks: String, Sendable, Codable, ClosedChoice {
    /// `depth` basic blocks (two 3×3 convolutions).
    case basic
    /// `depth` bottleneck blocks.
    case bottleneck
    /// `depth` bottleneck blocks, then `depth` basic ones; the law is fitted over each part.
    case mixed
}
