import Linalg

extension NetworkPlan {
    /// A small DenseNet (beyond the paper): input repeated `repeat` times, a 3×3 stem of 2·growth channels,
    /// `blocks` dense blocks of `layersPerBlock` layers (`BN → ReLU → 3×3 conv(growth)`, each concatenated to its
    /// input), transitions (`BN → ReLU → 1×1 conv` halving the channels, 2×2 average pooling) between blocks,
    /// then `BN → ReLU → global average pooling` and a linear classifier. Measured after the stem and every block.
    public static func densenet(input: TensorShape, classCount: Int, layersPerBlock: Int, blocks: Int = 3,
                                growth: Int = 32, widthMultiplier: Double = 1,
                                repeat times: Int = 8) throws(NetworkPlanError) -> NetworkPlan {
        guard layersPerBlock >= 1, blocks >= 1 else {
            throw NetworkPlanError("densenet", "needs at least one block of at least one layer")
        }
        let rate = scaled(growth, widthMultiplier)
        var channels = 2 * rate
        var layers = repetition(times) + convolutionBlock(channels, kernel: 3, bias: false)
        layers.append(.measure(name: "stem"))
        for block in 1...blocks {
            for _ in 0..<layersPerBlock {
                let newFeatures: [LayerSpec] = [.batchNorm(rectify: true),
                                                .convolution(outputs: rate, kernel: 3, stride: 1, padding: 1, bias: false)]
                layers.append(.concatenate(branches: [[], newFeatures]))
                channels += rate
            }
            layers.append(.measure(name: "block\(block)"))
            if block < blocks {
                channels = max(1, channels / 2)
                layers += [.batchNorm(rectify: true),
                           .convolution(outputs: channels, kernel: 1, stride: 1, padding: 0, bias: false),
                           .averagePool(kernel: 2, stride: 2, padding: 0)]
            }
        }
        layers += [.batchNorm(rectify: true), .globalAveragePool, .dense(outputs: classCount)]
        return try NetworkPlan(name: "densenet", inputShape: input, classCount: classCount, layers: layers)
    }
}
