import Linalg

/// A convolution on small planes computed as the dense layer it is: every output value is a weighted sum of the
/// whole input image, y = M·x per image, with M the (O·Ho·Wo) × (C·H·W) matrix that holds W[o, c, ki, kj] where input
/// position (ih, iw) falls under tap (ki, kj) of output position (oh, ow) (ki = ih − oh·s + p) and zero elsewhere.
/// The batch then runs as one GEMM per product, NCHW in and out, with no im2col and none of the k² − (taps that
/// touch the image) products on padding: on a 4×4 plane with a 5×5 kernel, M has 16·16 entries per channel pair
/// against im2col's 25·16; on 2×2, 4·4 against 25·4.
///
///     forward   Y  (B × O·Ho·Wo) = X · Mᵀ
///     backward  dX (B × C·H·W)   = dY · M
///               dM (O·Ho·Wo × C·H·W) = dYᵀ · X, and dW[o, c, ki, kj] = Σ of dM over the entries that hold that tap
///
/// On a ``ThreadTeam`` forward and dX split the images, and dM and its fold split the output channels (rows of M),
/// each computed over the whole batch by one thread: every value is computed whole, whatever the team's size.
/// Chosen by ``ConvolutionAlgorithm/preferred(input:outputChannels:kernel:stride:padding:)`` where a plane is no
/// larger than the kernel and M is small (``fits(input:output:)``).
final class UnrolledConvolution<Scalar: NetworkScalar> {
    let input: TensorShape
    let output: TensorShape
    let kernel: Int
    let stride: Int
    let padding: Int
    /// M: its structural zeros are zero from allocation on; ``unroll(weights:team:)`` rewrites the other entries.
    private let matrix: Buffer<Scalar>
    /// dM, the gradient of M (its rows filled by the parts that own their output channels).
    private let matrixGradient: Buffer<Scalar>

    /// The most entries M may have: 4 Mi (16 MiB in Float32, as much again for dM); full-width VGG13's 2×2 layers
    /// (512 → 512) just fit.
    static var maxEntries: Int { 1 << 22 }

    /// Whether M of this shape stays within ``maxEntries``.
    static func fits(input: TensorShape, output: TensorShape) -> Bool {
        let (entries, overflow) = input.count.multipliedReportingOverflow(by: output.count)
        return !overflow && entries <= maxEntries
    }

    init(input: TensorShape, output: TensorShape, kernel: Int, stride: Int, padding: Int) {
        precondition(Self.fits(input: input, output: output), "UnrolledConvolution: \(input) → \(output) is too large")
        self.input = input
        self.output = output
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        matrix = Buffer(count: output.count * input.count)
        matrixGradient = Buffer(count: output.count * input.count)
    }

    /// Calls `body(entry, tap)` for every entry of M (row-major, in increasing order) in the rows of the output
    /// channels `channels` that holds a weight, with the index of that weight in W (O × C × k × k): row (o, oh, ow),
    /// column (c, ih, iw) with ih = oh·s − p + ki and iw = ow·s − p + kj inside the image.
    @inline(__always)
    private func forEachTap(outputChannels channels: Range<Int>, _ body: (_ entry: Int, _ tap: Int) -> Void) {
        let (h, w, ho, wo, k, inputChannels) = (input.height, input.width, output.height, output.width, kernel, input.channels)
        let columns = input.count
        for o in channels {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    let row = ((o * ho + oh) * wo + ow) * columns
                    for c in 0..<inputChannels {
                        for ki in 0..<k {
                            let ih = oh * stride - padding + ki
                            guard ih >= 0 && ih < h else { continue }
                            for kj in 0..<k {
                                let iw = ow * stride - padding + kj
                                guard iw >= 0 && iw < w else { continue }
                                body(row + (c * h + ih) * w + iw, ((o * inputChannels + c) * k + ki) * k + kj)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The fewest output channels worth one slice of the team's work: each visits the entries of its rows of M.
    private func channelGrain() -> Int {
        ThreadTeam.rowGrain(rowValues: output.spatial * input.count)
    }

    /// Writes W (O × C·k·k) into M (call once per forward pass, before ``forward``); on a team, in slices of output
    /// channels.
    func unroll(weights: UnsafePointer<Scalar>, team: ThreadTeam) {
        let m = matrix.pointer
        team.forEachSlice(of: output.channels, grain: channelGrain()) { channels in
            forEachTap(outputChannels: channels) { entry, tap in m[entry] = weights[tap] }
        }
    }

    /// x (images × C×H×W) → y (images × O×Ho×Wo) for the images in `range`, plus the bias of each output channel.
    func forward(_ x: UnsafePointer<Scalar>, bias: UnsafePointer<Scalar>?, into y: UnsafeMutablePointer<Scalar>,
                 images range: Range<Int>) {
        guard !range.isEmpty else { return }
        let first = range.lowerBound, rows = output.count, columns = input.count, spatial = output.spatial
        let target = y + first * rows
        Scalar.gemm(.none, .transpose, m: range.count, n: rows, k: columns, alpha: 1, a: x + first * columns, lda: columns,
                    b: matrix.pointer, ldb: columns, beta: 0, c: target, ldc: rows)
        guard let bias else { return }
        for image in 0..<range.count {
            for o in 0..<output.channels {
                let plane = target + image * rows + o * spatial, shift = bias[o]
                for j in 0..<spatial { plane[j] += shift }
            }
        }
    }

    /// One part of backward: dy (batch × O×Ho×Wo) → dx (batch × C×H×W) for the images in `images` when `dx` is
    /// given; dW (O × C·k·k) for the output channels in `channels`: their rows of dM = dYᵀ·X over the whole batch,
    /// folded onto their taps (each entry added to its tap in row-major order of M).
    func backward(_ dy: UnsafePointer<Scalar>, input x: UnsafePointer<Scalar>, batch: Int,
                  dx: UnsafeMutablePointer<Scalar>?, images: Range<Int>,
                  weightGradient dw: UnsafeMutablePointer<Scalar>, channels: Range<Int>) {
        let rows = output.count, columns = input.count, spatial = output.spatial
        if let dx, !images.isEmpty {
            let first = images.lowerBound
            Scalar.gemm(.none, .none, m: images.count, n: columns, k: rows, alpha: 1, a: dy + first * rows, lda: rows,
                        b: matrix.pointer, ldb: columns, beta: 0, c: dx + first * columns, ldc: columns)
        }
        guard !channels.isEmpty else { return }
        let firstRow = channels.lowerBound * spatial, rowCount = channels.count * spatial
        let gradient = matrixGradient.pointer
        if batch > 0 {
            Scalar.gemm(.transpose, .none, m: rowCount, n: columns, k: batch, alpha: 1, a: dy + firstRow, lda: rows,
                        b: x, ldb: columns, beta: 0, c: gradient + firstRow * columns, ldc: columns)
        } else {
            (gradient + firstRow * columns).update(repeating: 0, count: rowCount * columns)
        }
        let tapsPerChannel = input.channels * kernel * kernel
        (dw + channels.lowerBound * tapsPerChannel).update(repeating: 0, count: channels.count * tapsPerChannel)
        forEachTap(outputChannels: channels) { entry, tap in dw[tap] += gradient[entry] }
    }
}
