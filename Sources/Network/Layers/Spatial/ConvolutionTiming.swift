/// Seconds per forward and per backward pass of one Float32 convolution, from inside the module so
/// that the layer runs specialised for Float as it does in training.
struct ConvolutionTiming: Sendable {
    let forwardFlops: Double
    let forwardSeconds: Double
    let backwardSeconds: Double

    /// Forward GFLOP/s (two flops per multiply-add of the forward GEMM).
    var forwardRate: Double { forwardFlops / forwardSeconds / 1e9 }
    /// Backward GFLOP/s, counting two GEMMs the size of the forward one (dW and dX).
    var backwardRate: Double { 2 * forwardFlops / backwardSeconds / 1e9 }
    /// Forward + backward GFLOP/s.
    var stepRate: Double { 3 * forwardFlops / (forwardSeconds + backwardSeconds) / 1e9 }
}
