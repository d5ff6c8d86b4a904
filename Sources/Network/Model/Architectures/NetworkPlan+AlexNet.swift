import Linalg

extension NetworkPlan {
    /// The authors' AlexNet: input repeated `repeat` times, five 5×5 convolutions + BN + ReLU (64, 192, 384, 256, 256
    /// channels) with 3×3, stride-2, padding-1 max-pooling after the first, second and fifth (32 → 16 → 8 → 4), then `FC 4096 → 4096`
    /// (BN + ReLU) and a linear classifier. 8 measured points: the input, 5 convolutions, 2 fully connected.
    public static func alexnet(input: TensorShape, classCount: Int, widthMultiplier: Double = 1,
                               repeat times: Int = 32) throws(NetworkPlanError) -> NetworkPlan {
        let pool = LayerSpec.maxPool(kernel: 3, stride: 2, padding: 1)
        var layers = repetition(times)
        for (index, channels) in [64, 192, 384, 256, 256].enumerated() {
            layers += convolutionBlock(scaled(channels, widthMultiplier), kernel: 5)
            layers.append(.measure(name: "conv\(index + 1)"))
            if index == 0 || index == 1 || index == 4 { layers.append(pool) }
        }
        let hidden = scaled(4096, widthMultiplier)
        layers += fullyConnectedBlock(hidden, name: "fc1") + fullyConnectedBlock(hidden, name: "fc2")
        layers.append(.dense(outputs: classCount))
        return try NetworkPlan(name: "alexnet", inputShape: input, classCount: classCount, layers: layers)
    }
}
