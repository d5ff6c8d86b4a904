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
/// On a ``ThreadTeam`` forward and dX split their outputs along the longer side (the images, or M's rows or columns:
/// a part then reads its own slice of M), and dM and its fold split the output channels (rows of M), each computed
/// over the whole batch by one thread: every value is computed whole, whatever the team's size.
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

    /// x (batch × C×H×W) → y (batch × O×Ho×Wo), plus the bias of each output channel. On a team, blocks of y along
    /// its longer side (``ThreadTeam/forEachBlock``): slices of the images, or of the output channels when y's rows
    /// are longer than the batch (then each part reads its own rows of M, not all of M).
    func forward(_ x: UnsafePointer<Scalar>, bias: UnsafePointer<Scalar>?, into y: UnsafeMutablePointer<Scalar>,
                 batch: Int, team: ThreadTeam) {
        let rows = output.count, columns = input.count, spatial = output.spatial, m = matrix.pointer
        team.forEachBlock(rows: batch, columns: output.channels, columnValues: spatial, work: columns) { images, channels in
            guard !images.isEmpty, !channels.isEmpty else { return }
            let firstRow = channels.lowerBound * spatial
            let target = y + images.lowerBound * rows + firstRow
            Scalar.gemm(.none, .transpose, m: images.count, n: channels.count * spatial, k: columns, alpha: 1,
                        a: x + images.lowerBound * columns, lda: columns, b: m + firstRow * columns, ldb: columns,
                        beta: 0, c: target, ldc: rows)
            guard let bias else { return }
            for image in 0..<images.count {
                for o in channels {
                    let plane = y + (images.lowerBound + image) * rows + o * spatial, shift = bias[o]
                    for j in 0..<spatial { plane[j] += shift }
                }
            }
        }
    }

    /// dy (batch × O×Ho×Wo) → dx (batch × C×H×W) when `dx` is given, in blocks along its longer side; dW
    /// (O × C·k·k) in slices of the output channels: their rows of dM = dYᵀ·X over the whole batch, folded onto
    /// their taps (each entry added to its tap in row-major order of M).
    func backward(_ dy: UnsafePointer<Scalar>, input x: UnsafePointer<Scalar>, batch: Int,
                  dx: UnsafeMutablePointer<Scalar>?, weightGradient dw: UnsafeMutablePointer<Scalar>, team: ThreadTeam) {
        let rows = output.count, columns = input.count, m = matrix.pointer
        if let dx {
            team.forEachBlock(rows: batch, columns: columns, work: rows) { images, part in
                guard !images.isEmpty, !part.isEmpty else { return }
                Scalar.gemm(.none, .none, m: images.count, n: part.count, k: rows, alpha: 1,
                            a: dy + images.lowerBound * rows, lda: rows, b: m + part.lowerBound, ldb: columns,
                            beta: 0, c: dx + images.lowerBound * columns + part.lowerBound, ldc: columns)
            }
        }
        let channelSlices = team.ranges(output.channels)
        team.run { part in weightGradient(dy, input: x, batch: batch, into: dw, channels: channelSlices[part]) }
    }

    /// dW for the output channels in `channels`: their rows of dM = dYᵀ·X over the whole batch, folded onto their taps.
    private func weightGradient(_ dy: UnsafePointer<Scalar>, input x: UnsafePointer<Scalar>, batch: Int,
                                into dw: UnsafeMutablePointer<Scalar>, channels: Range<Int>) {
        guard !channels.isEmpty else { return }
        let rows = output.count, columns = input.count, spatial = output.spatial
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
