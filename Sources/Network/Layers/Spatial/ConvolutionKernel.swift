import CKernels

/// Which code runs the direct convolutions on this CPU, for benchmark headers and results.
public enum ConvolutionKernel {
    /// `direct-avx2-fma` where the CPU has AVX2 and FMA (fused multiply-adds), else `direct-baseline`: the two give
    /// different bits, so a result's figures belong to the path that produced them.
    public static var name: String {
        seplaw_conv_direct_fused() != 0 ? "direct-avx2-fma" : "direct-baseline"
    }
}
