extension NetworkPlan {
    /// Float32 values the layers hold per example of a batch (each layer's output, input gradient and, for
    /// BatchNorm1d, its normalised copy: at most three per output value, plus the input), as a Double so that any
    /// plan can be sized without overflow: a job's batch buffers take `maxBatch ×` this `× 4` bytes.
    public var bufferedValuesPerExample: Double {
        leaves.reduce(Double(inputShape.count)) { $0 + 3 * Double($1.output.count) }
    }
}
