import Linalg

/// How ``Conv2d`` computes its three products.
enum ConvolutionAlgorithm: Sendable {
    /// im2col + GEMM, several images per GEMM (any scalar, stride and padding).
    case im2col
    /// ``DirectConvolution``: Float32, stride 1, padding ≤ k − 1.
    case direct

    /// The faster algorithm for a Float32 convolution by `seplaw bench --convolutions` (BENCHMARKS.md): direct
    /// wherever its kernels apply and an output row fills at least 6 of the 8 lanes of a vector (1.2–7× im2col at
    /// 8 to 256 channels on 7×7 to 32×32 outputs); im2col for 4×4 and 2×2 outputs (where direct ran at 0.3–0.5×).
    static func preferred(input: TensorShape, outputChannels: Int, kernel: Int, stride: Int, padding: Int) -> ConvolutionAlgorithm {
        guard DirectConvolution.supports(kernel: kernel, stride: stride, padding: padding),
              let width = SpatialGeometry.outputSize(input: input.width, kernel: kernel, stride: stride, padding: padding)
        else { return .im2col }
        return width >= 6 ? .direct : .im2col
    }
}
