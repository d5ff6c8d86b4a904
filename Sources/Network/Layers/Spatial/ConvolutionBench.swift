import CKernels
import Linalg

/// Times one Float32 convolution shape under both algorithms in the same run (for `seplaw bench --convolutions`).
public enum ConvolutionBench {
    /// A stride-1 "same" convolution: C → O channels on size × size images, k × k kernel, padding k / 2.
    public struct Shape: Sendable {
        public var channels: Int, outputs: Int, size: Int, kernel: Int
        public init(channels: Int, outputs: Int, size: Int, kernel: Int) {
            self.channels = channels
            self.outputs = outputs
            self.size = size
            self.kernel = kernel
        }
    }

    /// Forward and backward GFLOP/s of one algorithm (backward counts two products the size of the forward one).
    public struct Rates: Sendable {
        public let forward: Double, backward: Double, step: Double
    }

    /// The rates of im2col + GEMM and of the direct kernels at `shape`, batch `batch`, on `threads` threads; the
    /// unrolled dense matrix where it fits (nil elsewhere); on a CPU with AVX-512 also the direct kernels capped at
    /// AVX2 (`directAVX2`, nil elsewhere). Rates count the nominal products (padding taps included) for every algorithm.
    public static func measure(_ shape: Shape, batch: Int = 128, threads: Int = 1, repetitions: Int = 3)
        -> (im2col: Rates, direct: Rates, unrolled: Rates?, directAVX2: Rates?) {
        func rates(_ algorithm: ConvolutionAlgorithm) -> Rates {
            let layer = Conv2d<Float>(input: TensorShape(channels: shape.channels, height: shape.size, width: shape.size),
                                      outputChannels: shape.outputs, kernel: shape.kernel, stride: 1, padding: shape.kernel / 2,
                                      bias: false, maxBatch: batch, name: "bench", groupSize: nil, algorithm: algorithm)
            layer.team = ThreadTeam(threads: threads)
            var generator = SeededGenerator(seed: 1)
            layer.initialize(using: &generator)
            let timing = layer.measureTiming(batch: batch, repetitions: repetitions)
            return Rates(forward: timing.forwardRate, backward: timing.backwardRate, step: timing.stepRate)
        }
        var directAVX2: Rates?
        if Int(seplaw_cpu_vector_level()) >= SEPLAW_VECTOR_AVX512 {
            seplaw_limit_vector_level(Int32(SEPLAW_VECTOR_AVX2))
            directAVX2 = rates(.direct)
            seplaw_limit_vector_level(Int32(SEPLAW_VECTOR_AVX512))
        }
        let input = TensorShape(channels: shape.channels, height: shape.size, width: shape.size)
        let output = TensorShape(channels: shape.outputs, height: shape.size, width: shape.size)
        let unrolled = UnrolledConvolution<Float>.fits(input: input, output: output) ? rates(.unrolled) : nil
        return (rates(.im2col), rates(.direct), unrolled, directAVX2)
    }
}
