import Linalg
import Vocabulary

extension NetworkPlan {
    /// The authors' ResNet ("GResNet"), at stride 1: input repeated `repeat` times, then `blocks` in order (basic:
    /// conv 3×3 → BN → ReLU → conv 3×3 → BN; bottleneck: three 5×5 convolutions with BN after each and ReLU after
    /// the first two), each `8 × widthMultiplier` channels wide, plus the input (an identity shortcut; a 1×1
    /// convolution + BN projection only where the channel count changes), then ReLU; the classifier is one linear
    /// layer on all C·H·W features of the last block (no pooling). With 8 channels and the default 8× repetition
    /// of a grey image no projection is ever needed: basic ×4 on 32×32 has 86,666 parameters. Measured per block
    /// (the input and every block's output) or per layer (also each inner conv-BN-ReLU), on the full C×H×W outputs.
    ///
    /// A mixed network (bottleneck blocks, then basic ones) fits two lines: over the bottleneck part and from its
    /// last point over the basic part.
    public static func resnet(input: TensorShape, classCount: Int, blocks: [ResidualBlockKind],
                              widthMultiplier: Double = 1, repeat times: Int = 8,
                              per granularity: MeasurementGranularity = .block) throws(NetworkPlanError) -> NetworkPlan {
        guard !blocks.isEmpty else { throw NetworkPlanError("resnet", "needs at least one block") }
        let channels = scaled(8, widthMultiplier)
        var layers = repetition(times)
        var inputChannels = input.channels * times
        var points = 0, segmentEnds: [Int] = []
        for (index, kind) in blocks.enumerated() {
            let name = "block\(index + 1)"
            let kernel = kind == .basic ? 3 : 5
            let convolutions = kind == .basic ? 2 : 3
            var body: [LayerSpec] = []
            for step in 1...convolutions {
                body.append(.convolution(outputs: channels, kernel: kernel, stride: 1, padding: kernel / 2, bias: false))
                let last = step == convolutions
                body.append(.batchNorm(rectify: !last))
                if !last && granularity == .layer {
                    body.append(.measure(name: "\(name).conv\(step)"))
                    points += 1
                }
            }
            let shortcut: [LayerSpec] = inputChannels == channels ? [] : [
                .convolution(outputs: channels, kernel: 1, stride: 1, padding: 0, bias: false),
                .batchNorm(rectify: false),
            ]
            layers.append(.residual(body: body, shortcut: shortcut, rectify: true))
            layers.append(.measure(name: name))
            points += 1
            inputChannels = channels
            if index + 1 < blocks.count, blocks[index + 1] != kind { segmentEnds.append(points) }
        }
        layers.append(.dense(outputs: classCount))
        var segments: [ClosedRange<Int>] = []
        if !segmentEnds.isEmpty {
            var start = 0
            for end in segmentEnds + [points] {
                segments.append(start...end)
                start = end
            }
        }
        let kinds = Set(blocks).count > 1 ? "mixed" : blocks[0].rawValue
        return try NetworkPlan(name: "resnet-\(kinds)\(blocks.count)", inputShape: input, classCount: classCount,
                               layers: layers, fitSegments: segments)
    }
}
