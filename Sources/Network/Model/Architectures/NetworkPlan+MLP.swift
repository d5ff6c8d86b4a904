import Linalg
import Vocabulary

extension NetworkPlan {
    /// A multilayer perceptron: hidden blocks `Linear → [BatchNorm] → [ReLU]` of the given widths (each measured
    /// after its last part), then a linear classifier. Covers the shaped MLPs (narrow→wide, wide→narrow, mixed).
    public static func mlp(input: TensorShape, classCount: Int, widths: [Int], batchNorm: Bool = true,
                           activation: Activation = .relu, name: String = "mlp") throws(NetworkPlanError) -> NetworkPlan {
        var layers: [LayerSpec] = []
        for (index, width) in widths.enumerated() {
            layers.append(.dense(outputs: width))
            if batchNorm {
                layers.append(.batchNorm(rectify: activation == .relu))
            } else if activation == .relu {
                layers.append(.relu)
            }
            layers.append(.measure(name: "hidden\(index + 1)"))
        }
        layers.append(.dense(outputs: classCount))
        return try NetworkPlan(name: name, inputShape: input, classCount: classCount, layers: layers)
    }

    /// The paper's GFNN: `Linear(d→w)+BN+ReLU`, then `depth` (m) more `Linear(w→w)+BN+ReLU` blocks, then `Linear(w→K)`.
    public static func gfnn(input: TensorShape, classCount: Int, depth: Int, width: Int, batchNorm: Bool = true,
                            activation: Activation = .relu) throws(NetworkPlanError) -> NetworkPlan {
        guard depth >= 0 else { throw NetworkPlanError("gfnn", "depth \(depth) must not be negative") }
        return try mlp(input: input, classCount: classCount, widths: Array(repeating: width, count: depth + 1),
                       batchNorm: batchNorm, activation: activation, name: "gfnn")
    }
}
