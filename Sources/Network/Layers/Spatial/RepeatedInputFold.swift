import Linalg

/// A convolution whose input is a channel repeat of a C₀-channel image (channel c is channel c mod C₀, as after
/// ``ChannelRepeat``), computed as one convolution of the C₀ original channels with each kernel summed over the copies:
///
///     y[o] = b[o] + Σ_c W[o, c] ⋆ x[c mod C₀] = b[o] + Σ_c₀ (Σ_t W[o, t·C₀ + c₀]) ⋆ x[c₀]
///
/// r = C / C₀ times fewer products, forward and for the weight gradient, whose every copy is the gradient of the
/// summed kernel: dW[o, t·C₀ + c₀] = Σ dy[o] ⋆ x[c₀] for each t. The authors repeat a grayscale image 8 to 32 times
/// in front of their networks, so this is most of the first layer's work. Only for a layer whose input gradient
/// nobody needs (the network's first trainable layer): the copies' input gradients differ, the summed kernel's do not.
final class RepeatedInputFold<Scalar: NetworkScalar> {
    /// C₀: the channels of the image before it was repeated.
    let period: Int
    /// r = C / C₀.
    let copies: Int
    /// The convolution of the C₀ original channels; its weights are the summed kernels of the folded layer.
    let inner: Conv2d<Scalar>
    /// The first C₀ channels of each image, contiguous (batch × C₀×H×W).
    private let originals: Buffer<Scalar>
    private let inputCount: Int

    /// Whether a layer of `channels` input channels may fold a repeat of `period` channels.
    static func applies(channels: Int, period: Int) -> Bool {
        period > 0 && period < channels && channels % period == 0
    }

    /// For `layer`, whose input is a repeat of `period` channels (``applies(channels:period:)``).
    init(layer: Conv2d<Scalar>, period: Int, name: String) {
        precondition(Self.applies(channels: layer.inputShape.channels, period: period),
                     "RepeatedInputFold: \(layer.inputShape.channels) channels are not copies of \(period)")
        self.period = period
        copies = layer.inputShape.channels / period
        let original = TensorShape(channels: period, height: layer.inputShape.height, width: layer.inputShape.width)
        inner = Conv2d(input: original, outputChannels: layer.outputShape.channels, kernel: layer.kernel,
                       stride: layer.stride, padding: layer.padding, bias: layer.bias != nil,
                       maxBatch: layer.maxBatch, name: name)
        inner.needsInputGradient = false
        inner.team = layer.team
        originals = Buffer(count: layer.maxBatch * original.count)
        inputCount = layer.inputShape.count
    }

    /// x (batch × C×H×W, channels repeating with period C₀) → y (batch × O×Ho×Wo), with the weights W (O × C·k·k) and
    /// bias of the folded layer.
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, weight: Parameter<Scalar>,
                 bias: Parameter<Scalar>?) -> UnsafePointer<Scalar> {
        let outputs = inner.outputShape.channels
        let square = inner.kernel * inner.kernel
        let patch = copies * period * square, foldedPatch = period * square
        let w = weight.value.pointer, summed = inner.weight.value.pointer
        for o in 0..<outputs {
            for j in 0..<foldedPatch {
                var total = w[o * patch + j]
                for t in 1..<copies { total += w[o * patch + t * foldedPatch + j] }
                summed[o * foldedPatch + j] = total
            }
        }
        if let bias, let innerBias = inner.bias { innerBias.value.pointer.update(from: bias.value.pointer, count: outputs) }
        let count = inner.inputShape.count
        for i in 0..<batch { (originals.pointer + i * count).update(from: x + i * inputCount, count: count) }
        return inner.forward(UnsafePointer(originals.pointer), batch: batch)
    }

    /// dy (batch × O×Ho×Wo) → sets dW (every copy the summed kernel's gradient) and db of the folded layer.
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int, weight: Parameter<Scalar>, bias: Parameter<Scalar>?) {
        _ = inner.backward(dy, batch: batch)
        let outputs = inner.outputShape.channels
        let foldedPatch = period * inner.kernel * inner.kernel, patch = copies * foldedPatch
        let dw = weight.gradient.pointer, summed = inner.weight.gradient.pointer
        for o in 0..<outputs {
            for t in 0..<copies { (dw + o * patch + t * foldedPatch).update(from: summed + o * foldedPatch, count: foldedPatch) }
        }
        if let bias, let innerBias = inner.bias { bias.gradient.pointer.update(from: innerBias.gradient.pointer, count: outputs) }
    }
}
