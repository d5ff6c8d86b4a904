import Linalg

/// How ``Conv2d`` computes its three products.
enum ConvolutionAlgorithm: Sendable {
    /// im2col + GEMM, several images per GEMM (any scalar, stride and padding).
    case im2col
    /// ``DirectConvolution``: Float32, stride 1, padding ≤ k − 1.
    case direct
    /// ``UnrolledConvolution``: the layer as one dense matrix, for planes no larger than the kernel (any scalar).
    case unrolled

    /// The faster algorithm for a Float32 convolution by `seplaw bench --convolutions` (BENCHMARKS.md): direct
    /// wherever its kernels apply and an output row fills at least 6 of the 8 lanes of a vector (1.1–5× im2col at
    /// 8 to 128 channels on 7×7 to 32×32 outputs); im2col for 4×4 and 2×2 outputs (where direct ran at 0.3–0.7×) and
    /// for 8×8 and narrower outputs of 128 input channels or more, where the GEMM's deep products win (full-width
    /// VGG13's 256 → 256 at 8×8: direct 0.75× with AVX-512, 0.45× with AVX2). The rule reads the shape only, so
    /// every machine makes the same choice and computes the same bits. Planes of at most k² values whose dense matrix
    /// fits (``UnrolledConvolution/fits(input:output:)``: ⅛-width VGG13's 4×4 and 2×2 layers, full-width VGG13's 2×2)
    /// run unrolled: there most of im2col's products are on padding.
    static func preferred(input: TensorShape, outputChannels: Int, kernel: Int, stride: Int, padding: Int) -> ConvolutionAlgorithm {
        if input.spatial <= kernel * kernel, input.spatial > 1,
           let output = Conv2d<Float>.outputShape(input: input, outputChannels: outputChannels, kernel: kernel,
                                                  stride: stride, padding: padding),
           UnrolledConvolution<Float>.fits(input: input, output: output) {
            return .unrolled
        }
        guard DirectConvolution.supports(kernel: kernel, stride: stride, padding: padding),
              let width = SpatialGeometry.outputSize(input: input.width, kernel: kernel, stride: stride, padding: padding)
        else { return .im2col }
        return width >= 6 && !(width <= 8 && input.channels >= 128) ? .direct : .im2col
    }
}
