/// The two residual blocks of the paper's ResNets.
public enum ResidualBlockKind: String, Sendable, Codable, CaseIterable {
    /// Two 3×3 convolutions (BN, ReLU between), added to the shortcut, then ReLU.
    case basic
    /// The authors' bottleneck: three 5×5 convolutions, expansion 1.
    case bottleneck
}
