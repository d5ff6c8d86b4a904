extension NetworkPlan {
    /// Float32 values the layers hold per example of a batch (each layer's output, input gradient and, for
    /// BatchNorm1d, its normalised copy: at most three per output value, plus the input), as a Double so that any
    /// plan can be sized without overflow: a job's batch buffers take `maxBatch ×` this `× 4` bytes.
    public var bufferedValuesPerExample: Double {
        leaves.reduce(Double(inputShape.count)) { $0 + 3 * Double($1.output.count) }
    }

    /// Float32 values the layers hold whatever the batch: each unrolled convolution's dense matrix and its gradient
    /// (``UnrolledConvolution``), 2 × (input × output values) per layer.
    public var unrolledConvolutionValues: Double {
        leaves.reduce(0) { total, leaf in
            guard case let .convolution(outputs, kernel, stride, padding, _) = leaf.layer,
                  ConvolutionAlgorithm.preferred(input: leaf.input, outputChannels: outputs, kernel: kernel,
                                                 stride: stride, padding: padding) == .unrolled
            else { return total }
            return total + 2 * Double(leaf.input.count) * Double(leaf.output.count)
        }
    }
}
