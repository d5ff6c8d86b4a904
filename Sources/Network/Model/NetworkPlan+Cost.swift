import Linalg

extension NetworkPlan {
    /// The number of trainable parameters.
    public var parameterCount: Int {
        leaves.reduce(0) { total, leaf in
            switch leaf.layer {
            case .dense(let outputs): return total + leaf.input.count * outputs + outputs
            case .batchNorm: return total + 2 * (leaf.input.isFlat ? leaf.input.count : leaf.input.channels)
            case let .convolution(outputs, kernel, _, _, bias):
                return total + outputs * leaf.input.channels * kernel * kernel + (bias ? outputs : 0)
            default: return total
            }
        }
    }

    /// Multiply-adds of the matrix products (dense layers and convolutions) in one forward pass of one example.
    public var forwardMultiplyAdds: Double {
        leaves.reduce(0) { $0 + multiplyAdds($1) }
    }

    /// Floating-point operations of the matrix products in one training step, per example: forward, weight
    /// gradient (the same) and input gradient (every product but the first).
    public var trainingFlopsPerPoint: Double {
        let first = leaves.first { multiplyAdds($0) > 0 }.map(multiplyAdds) ?? 0
        return 2 * (3 * forwardMultiplyAdds - first)
    }

    private func multiplyAdds(_ leaf: PlanWalk.Leaf) -> Double {
        switch leaf.layer {
        case .dense(let outputs):
            return Double(leaf.input.count) * Double(outputs)
        case let .convolution(outputs, kernel, _, _, _):
            return Double(outputs) * Double(leaf.input.channels * kernel * kernel) * Double(leaf.output.spatial)
        default:
            return 0
        }
    }
}
