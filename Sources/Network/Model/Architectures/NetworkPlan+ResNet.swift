import Linalg
import Vocabulary

extension NetworkPlan {
    /// The paper's ResNet at stride 1: input repeated `repeat` times, then `blocks` in order (basic: two 3×3
    /// convolutions; bottleneck: three 5×5), each `64 × widthMultiplier` channels wide with an identity shortcut
    /// (a 1×1 convolution + BN projection where the channel count changes, i.e. in the first block), then
    /// average pooling down to at most 8×8 positions and a linear classifier on those C·8·8 features. Measured per
    /// block or per layer (`per`), on the full C×H×W block outputs. (On all C·H·W features the classifier sees
    /// activations that grow with every block and deep bottleneck stacks did not train; after global pooling a
    /// narrow network keeps only C features and underfits: 83–87 % train accuracy at width_multiplier 0.125.)
    ///
    /// A mixed network (bottleneck blocks, then basic ones) fits two lines: over the bottleneck part and from its
    /// last point over the basic part.
    public static func resnet(input: TensorShape, classCount: Int, blocks: [ResidualBlockKind],
                              widthMultiplier: Double = 1, repeat times: Int = 8,
                              per granularity: MeasurementGranularity = .block) throws(NetworkPlanError) -> NetworkPlan {
        guard !blocks.isEmpty else { throw NetworkPlanError("resnet", "needs at least one block") }
        let channels = scaled(64, widthMultiplier)
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
        let factor = max(1, min(input.height, input.width) / 8)
        if factor > 1 { layers.append(.averagePool(kernel: factor, stride: factor, padding: 0)) }
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
