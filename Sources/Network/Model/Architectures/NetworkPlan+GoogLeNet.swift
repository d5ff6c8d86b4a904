import Linalg

extension NetworkPlan {
    /// A small GoogLeNet (beyond the paper): input repeated `repeat` times, a 3×3 stem (BN, ReLU), then `blocks`
    /// inception blocks of `256 × widthMultiplier` output channels (rounded to a multiple of 16) with a 3×3
    /// stride-2 max-pooling after every second block, then global average pooling and a linear classifier.
    /// An inception block concatenates four branches (each convolution followed by BN + ReLU): 1×1 (¼ of the
    /// channels), 1×1 → 3×3 (½), 1×1 → 5×5 (⅛), 3×3 max-pool → 1×1 (⅛). Measured after the stem and every block.
    public static func googlenet(input: TensorShape, classCount: Int, blocks: Int, widthMultiplier: Double = 1,
                                 repeat times: Int = 8) throws(NetworkPlanError) -> NetworkPlan {
        guard blocks >= 1 else { throw NetworkPlanError("googlenet", "needs at least one inception block") }
        let width = max(16, (scaled(256, widthMultiplier) + 8) / 16 * 16)
        func unit(_ outputs: Int, _ kernel: Int) -> [LayerSpec] { convolutionBlock(outputs, kernel: kernel, bias: false) }
        var layers = repetition(times) + unit(scaled(64, widthMultiplier), 3)
        layers.append(.measure(name: "stem"))
        for block in 1...blocks {
            let branches: [[LayerSpec]] = [
                unit(width / 4, 1),
                unit(width / 4, 1) + unit(width / 2, 3),
                unit(width / 16, 1) + unit(width / 8, 5),
                [.maxPool(kernel: 3, stride: 1, padding: 1)] + unit(width / 8, 1),
            ]
            layers.append(.concatenate(branches: branches))
            layers.append(.measure(name: "inception\(block)"))
            if block % 2 == 0 && block < blocks { layers.append(.maxPool(kernel: 3, stride: 2, padding: 1)) }
        }
        layers += [.globalAveragePool, .dense(outputs: classCount)]
        return try NetworkPlan(name: "googlenet", inputShape: input, classCount: classCount, layers: layers)
    }
}
