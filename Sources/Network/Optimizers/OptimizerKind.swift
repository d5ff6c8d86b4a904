/// The optimisers of the paper, with PyTorch's update rules.
public enum OptimizerKind: Sendable, Equatable {
    case sgd
    case momentum(Double)
    case adam(beta1: Double, beta2: Double, epsilon: Double)
}
