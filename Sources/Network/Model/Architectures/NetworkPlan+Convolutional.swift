import Linalg

extension NetworkPlan {
    /// `channels × widthMultiplier`, rounded, at least 1: how every convolutional network is scaled to the CPUs at hand.
    static func scaled(_ channels: Int, _ multiplier: Double) -> Int {
        max(1, Int((Double(channels) * multiplier).rounded()))
    }

    /// `Conv(outputs, k×k, same padding) → BatchNorm → ReLU`, the building block of VGG and AlexNet.
    static func convolutionBlock(_ outputs: Int, kernel: Int, stride: Int = 1, bias: Bool = true) -> [LayerSpec] {
        [.convolution(outputs: outputs, kernel: kernel, stride: stride, padding: kernel / 2, bias: bias),
         .batchNorm(rectify: true)]
    }

    /// `Linear(outputs) → BatchNorm → ReLU`, measured.
    static func fullyConnectedBlock(_ outputs: Int, name: String) -> [LayerSpec] {
        [.dense(outputs: outputs), .batchNorm(rectify: true), .measure(name: name)]
    }

    /// The repetition of a grey (or any) input along channels, or nothing when `times` is 1.
    static func repetition(_ times: Int) -> [LayerSpec] {
        times > 1 ? [.repeatChannels(times: times)] : []
    }
}
