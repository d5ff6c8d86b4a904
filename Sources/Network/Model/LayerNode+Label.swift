extension LayerNode {
    /// A short name for timing tables: the kind of layer, its shapes and, for a convolution, its algorithm.
    var label: String {
        switch self {
        case let .dense(layer): return "dense \(layer.inputDimension) → \(layer.outputDimension)"
        case .batchNorm: return "batch norm"
        case .relu: return "relu"
        case let .convolution(layer):
            let folded = layer.repeatFold == nil ? "" : ", repeated input folded"
            return "conv \(layer.inputShape) → \(layer.outputShape) \(layer.algorithm)\(folded)"
        case let .batchNorm2d(layer): return "batch norm 2d \(layer.inputShape)"
        case let .maxPool(layer): return "max pool \(layer.inputShape) → \(layer.outputShape)"
        case let .averagePool(layer): return "average pool \(layer.inputShape) → \(layer.outputShape)"
        case let .repeatChannels(layer): return "repeat \(layer.inputShape)"
        case let .residual(block): return "residual block (\(block.body.count) layers)"
        case let .concatenation(block): return "concatenation (\(block.branches.count) branches)"
        case let .measure(point): return "measure \(point.index)"
        }
    }

    /// Whether this node only records its input (a measured point: no work to time).
    var isMeasurePoint: Bool {
        if case .measure = self { return true }
        return false
    }
}
