import CKernels

/// Which code runs the direct convolutions on this CPU, for benchmark headers and results.
public enum ConvolutionKernel {
    /// `direct-avx512-fma` or `direct-avx2-fma` where the CPU has AVX-512 or AVX2 and FMA (the same fused
    /// multiply-adds in the same order, so the same bits), else `direct-baseline` (separate multiplies and adds: other
    /// bits, so a result's figures belong to the path that produced them).
    public static var name: String {
        seplaw_conv_direct_fused() == 0 ? "direct-baseline" : "direct-\(FusedKernelLabel.current)"
    }
}
