import Linalg

extension NetworkPlan {
    /// The VGG variants: output channels of each convolution, `nil` for a 2×2 max-pooling.
    static let vggLayouts: [Int: [Int?]] = [
        11: [64, nil, 128, nil, 256, 256, nil, 512, 512, nil, 512, 512, nil],
        13: [64, 64, nil, 128, 128, nil, 256, 256, nil, 512, 512, nil, 512, 512, nil],
        16: [64, 64, nil, 128, 128, nil, 256, 256, 256, nil, 512, 512, 512, nil, 512, 512, 512, nil],
    ]

    /// The authors' VGG: input repeated `repeat` times along channels, `kernel`×`kernel` convolutions + BN + ReLU
    /// (each measured, before its pooling), then `FC 4096 → 4096` (BN + ReLU, measured) and a linear classifier.
    /// VGG13 has 13 measured points: the input, 10 convolutions, 2 fully connected layers.
    public static func vgg(input: TensorShape, classCount: Int, variant: Int, widthMultiplier: Double = 1,
                           repeat times: Int = 16, kernel: Int = 5) throws(NetworkPlanError) -> NetworkPlan {
        guard let layout = vggLayouts[variant] else {
            throw NetworkPlanError("vgg", "variant \(variant) is not one of \(vggLayouts.keys.sorted())")
        }
        var layers = repetition(times)
        var convolution = 0
        for entry in layout {
            if let channels = entry {
                convolution += 1
                layers += convolutionBlock(scaled(channels, widthMultiplier), kernel: kernel)
                layers.append(.measure(name: "conv\(convolution)"))
            } else {
                layers.append(.maxPool(kernel: 2, stride: 2, padding: 0))
            }
        }
        let hidden = scaled(4096, widthMultiplier)
        layers += fullyConnectedBlock(hidden, name: "fc1") + fullyConnectedBlock(hidden, name: "fc2")
        layers.append(.dense(outputs: classCount))
        return try NetworkPlan(name: "vgg\(variant)", inputShape: input, classCount: classCount, layers: layers)
    }
}
