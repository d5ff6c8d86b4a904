import CKernels
import Linalg

/// A 2-D convolution (cross-correlation) with square kernels and PyTorch's semantics: zero padding,
/// floor output size, weight laid out O × C × k × k, `y[o] = b[o] + Σ_c W[o, c] ⋆ x[c]`.
///
/// Computed as im2col + one GEMM per group of `groupSize` consecutive examples: the columns of a
/// group form a (C·k·k) × (G·Ho·Wo) matrix and `Y_g = W · cols`. Small outputs are grouped so that
/// every GEMM has at least ``targetColumns`` columns; large ones run one example per GEMM. Float32 layers
/// that suit it (``ConvolutionAlgorithm/preferred(input:outputChannels:kernel:stride:padding:)``) run the
/// ``DirectConvolution`` kernels instead, and layers on planes no larger than the kernel the
/// ``UnrolledConvolution`` dense matrix; a first layer after a channel repeat folds the copies
/// (``RepeatedInputFold``).
final class Conv2d<Scalar: NetworkScalar> {
    let inputShape: TensorShape
    let outputShape: TensorShape
    let kernel: Int
    let stride: Int
    let padding: Int
    let weight: Parameter<Scalar>
    let bias: Parameter<Scalar>?
    /// Examples per GEMM (G).
    let groupSize: Int
    let maxBatch: Int
    /// Whether backward must produce the gradient of its input (false for the first layer, which then holds no
    /// buffer for it).
    var needsInputGradient = true {
        didSet { if needsInputGradient != oldValue { inputGradient = Buffer(count: needsInputGradient ? maxBatch * inputShape.count : 0) } }
    }
    /// The algorithm this layer runs.
    let algorithm: ConvolutionAlgorithm
    /// The direct kernels, when `algorithm` is `.direct` (released when a ``RepeatedInputFold`` computes the layer).
    private var direct: DirectConvolution?
    /// The dense matrix, when `algorithm` is `.unrolled`.
    private let unrolled: UnrolledConvolution<Scalar>?

    /// The fewest GEMM columns (G·Ho·Wo) a group aims for.
    static var targetColumns: Int { 256 }

    /// The threads forward and backward split their images across (``ThreadTeam``); one by default.
    var team: ThreadTeam = .single {
        didSet {
            reserveParts(team.count)
            repeatFold?.inner.team = team
        }
    }
    /// Set by ``foldRepeatedInput(period:)``: the input is a channel repeat, computed once (``RepeatedInputFold``).
    private(set) var repeatFold: RepeatedInputFold<Scalar>?

    /// The layer's output (none when a ``RepeatedInputFold`` computes it) and input gradient.
    private var output: Buffer<Scalar>
    private var inputGradient: Buffer<Scalar>
    /// Values this layer holds per batch for its output and input gradient (none for what it never computes).
    var batchBufferValues: Int { output.count + inputGradient.count }
    /// The im2col path's scratch, one per part of ``team``.
    private var scratch: [Im2colScratch] = []
    /// For each kernel row offset ki, the output rows oh whose input row oh·s − p + ki is inside the image.
    private let validRows: [Range<Int>]
    /// For each kernel column offset kj, the output columns ow whose input column is inside the image.
    private let validColumns: [Range<Int>]
    /// A 1×1 kernel with stride 1 and no padding: an example's columns are the example itself.
    private let isPointwise: Bool
    private var input: UnsafePointer<Scalar>?

    /// What one part of the im2col path writes: its group's columns and gathered output, its share of dW.
    final class Im2colScratch {
        /// (C·k·k) × (G·Ho·Wo): the columns of one group; in backward, their gradient.
        let columns: Buffer<Scalar>
        /// O × (G·Ho·Wo): a group's output before the scatter to NCHW, or its gathered output gradient.
        let groupOutput: Buffer<Scalar>
        /// This part's weight gradient (part 0 writes the layer's own).
        let weightGradient: Buffer<Scalar>
        /// The first example of the group whose columns `columns` still holds from forward, if any.
        var columnsGroupStart: Int?

        init(columns: Int, groupOutput: Int, weightGradient: Int) {
            self.columns = Buffer(count: columns)
            self.groupOutput = Buffer(count: groupOutput)
            self.weightGradient = Buffer(count: weightGradient)
        }
    }

    /// The output shape of this convolution, or nil when the configuration is invalid (a non-positive
    /// size, negative padding, a kernel larger than the padded input, or an element count that overflows).
    static func outputShape(input: TensorShape, outputChannels: Int, kernel: Int,
                            stride: Int = 1, padding: Int = 0) -> TensorShape? {
        guard input.channels > 0, outputChannels > 0 else { return nil }
        guard let height = SpatialGeometry.outputSize(input: input.height, kernel: kernel, stride: stride, padding: padding),
              let width = SpatialGeometry.outputSize(input: input.width, kernel: kernel, stride: stride, padding: padding)
        else { return nil }
        let shape = TensorShape(channels: outputChannels, height: height, width: width)
        guard SpatialGeometry.fits(shape), SpatialGeometry.fits(input) else { return nil }
        // The weight count O·C·k·k must not overflow either.
        let (square, overflow) = kernel.multipliedReportingOverflow(by: kernel)
        guard !overflow else { return nil }
        let (patch, overflow2) = input.channels.multipliedReportingOverflow(by: square)
        guard !overflow2, !outputChannels.multipliedReportingOverflow(by: patch).overflow else { return nil }
        return shape
    }

    convenience init(input: TensorShape, outputChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                     bias: Bool = true, maxBatch: Int, name: String) {
        self.init(input: input, outputChannels: outputChannels, kernel: kernel, stride: stride, padding: padding,
                  bias: bias, maxBatch: maxBatch, name: name, groupSize: nil, algorithm: nil)
    }

    /// `groupSize` overrides G (clamped to 1…maxBatch); nil chooses the smallest G with G·Ho·Wo ≥ ``targetColumns``.
    /// `algorithm` overrides the choice of ``ConvolutionAlgorithm/preferred(input:outputChannels:kernel:stride:padding:)``;
    /// `.direct` falls back to im2col where the direct kernels do not apply (Float64, stride > 1, padding ≥ k).
    init(input: TensorShape, outputChannels: Int, kernel: Int, stride: Int, padding: Int,
         bias: Bool, maxBatch: Int, name: String, groupSize: Int?, algorithm: ConvolutionAlgorithm? = nil) {
        guard let shape = Self.outputShape(input: input, outputChannels: outputChannels, kernel: kernel,
                                           stride: stride, padding: padding) else {
            preconditionFailure("Conv2d \(name): invalid configuration: input \(input), \(outputChannels) outputs, "
                                + "kernel \(kernel), stride \(stride), padding \(padding)")
        }
        precondition(maxBatch > 0, "Conv2d \(name): maxBatch must be positive")
        inputShape = input
        outputShape = shape
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.maxBatch = maxBatch
        let spatial = shape.spatial
        let chosen = groupSize ?? (Self.targetColumns + spatial - 1) / spatial
        self.groupSize = min(max(chosen, 1), maxBatch)
        let patch = input.channels * kernel * kernel
        weight = Parameter(name: "\(name).weight", count: outputChannels * patch)
        self.bias = bias ? Parameter(name: "\(name).bias", count: outputChannels) : nil
        output = Buffer(count: maxBatch * shape.count)
        inputGradient = Buffer(count: maxBatch * input.count)
        isPointwise = kernel == 1 && stride == 1 && padding == 0
        let wanted = algorithm ?? ConvolutionAlgorithm.preferred(input: input, outputChannels: outputChannels,
                                                                 kernel: kernel, stride: stride, padding: padding)
        if wanted == .direct, Scalar.self == Float.self, DirectConvolution.supports(kernel: kernel, stride: stride, padding: padding) {
            self.algorithm = .direct
            direct = DirectConvolution(input: input, output: shape, kernel: kernel, padding: padding)
            unrolled = nil
        } else if wanted == .unrolled, UnrolledConvolution<Scalar>.fits(input: input, output: shape) {
            self.algorithm = .unrolled
            direct = nil
            unrolled = UnrolledConvolution(input: input, output: shape, kernel: kernel, stride: stride, padding: padding)
        } else {
            self.algorithm = .im2col
            direct = nil
            unrolled = nil
        }
        validRows = (0..<kernel).map {
            SpatialGeometry.validOutputs(offset: $0, input: input.height, output: shape.height, stride: stride, padding: padding)
        }
        validColumns = (0..<kernel).map {
            SpatialGeometry.validOutputs(offset: $0, input: input.width, output: shape.width, stride: stride, padding: padding)
        }
        reserveParts(1)
    }

    /// Makes scratch for `parts` parts (the direct kernels keep their own; a folded layer's inner layer keeps all).
    private func reserveParts(_ parts: Int) {
        if repeatFold != nil { return }
        if let direct { return direct.reserveParts(parts) }
        if unrolled != nil { return }
        let spatial = outputShape.spatial, patch = inputShape.channels * kernel * kernel
        // A pointwise convolution with G = 1 multiplies the input in place and needs no columns.
        let columnCount = isPointwise && groupSize == 1 ? 0 : patch * groupSize * spatial
        while scratch.count < parts {
            scratch.append(Im2colScratch(columns: columnCount, groupOutput: groupSize > 1 ? outputShape.channels * groupSize * spatial : 0,
                                         weightGradient: scratch.isEmpty ? 0 : weight.count))
        }
    }

    var parameters: [Parameter<Scalar>] { bias.map { [weight, $0] } ?? [weight] }

    /// Tells a layer that nobody needs its input gradient that its input's channels repeat with period `period` (it
    /// follows a ``ChannelRepeat``): forward and backward then convolve the `period` original channels once with the
    /// kernels summed over the copies. Does nothing when the channels are not whole copies of `period`.
    func foldRepeatedInput(period: Int) {
        precondition(!needsInputGradient, "Conv2d: a folded repeat computes no input gradient")
        guard RepeatedInputFold<Scalar>.applies(channels: inputShape.channels, period: period) else { return }
        repeatFold = RepeatedInputFold(layer: self, period: period, name: "\(weight.name).folded")
        // The inner layer computes forward and backward: this layer's output buffer and scratch go unused.
        output = Buffer(count: 0)
        direct = nil
        scratch = []
    }

    /// Multiply-adds of the forward GEMM, counted as two flops each, per example.
    var forwardFlopsPerExample: Double {
        2 * Double(outputShape.count) * Double(inputShape.channels * kernel * kernel)
    }

    /// PyTorch's default: weights, then biases, uniform in ±1/sqrt(C·k·k), weights in O × C × k × k order.
    func initialize(using generator: inout SeededGenerator) {
        let bound = 1 / Double(inputShape.channels * kernel * kernel).squareRoot()
        for i in 0..<weight.count { weight.value.pointer[i] = Scalar(bound * (2 * generator.nextUnit() - 1)) }
        if let bias {
            for i in 0..<bias.count { bias.value.pointer[i] = Scalar(bound * (2 * generator.nextUnit() - 1)) }
        }
    }

    /// x (batch × C×H×W) → y (batch × O×Ho×Wo)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        precondition(batch >= 0 && batch <= maxBatch, "Conv2d: batch \(batch) outside 0…\(maxBatch)")
        input = x
        if let repeatFold { return repeatFold.forward(x, batch: batch, weight: weight, bias: bias) }
        let ranges = team.ranges(batch)
        if let direct {
            direct.packForward(weights: UnsafePointer(weight.value.pointer.asFloats))
            let xf = x.asFloats, bf = bias.map { UnsafePointer($0.value.pointer.asFloats) }, yf = output.pointer.asFloats
            team.run { part in direct.forward(xf, bias: bf, into: yf, images: ranges[part], part: part) }
            return UnsafePointer(output.pointer)
        }
        if let unrolled {
            unrolled.unroll(weights: weight.value.pointer, team: team)
            let b = bias.map { UnsafePointer($0.value.pointer) }
            unrolled.forward(x, bias: b, into: output.pointer, batch: batch, team: team)
            return UnsafePointer(output.pointer)
        }
        team.run { part in forwardIm2col(x, images: ranges[part], scratch: scratch[part]) }
        return UnsafePointer(output.pointer)
    }

    /// The im2col forward of the examples in `range`, in groups of G from its first.
    private func forwardIm2col(_ x: UnsafePointer<Scalar>, images range: Range<Int>, scratch part: Im2colScratch) {
        part.columnsGroupStart = nil
        let outChannels = outputShape.channels, spatial = outputShape.spatial
        let patch = inputShape.channels * kernel * kernel
        let y = output.pointer
        var first = range.lowerBound
        while first < range.upperBound {
            let count = min(groupSize, range.upperBound - first)
            let n = count * spatial
            let b = groupColumns(x, first: first, count: count, scratch: part)
            if count == 1 {
                // One example: the GEMM writes its O × Ho·Wo output in place.
                Scalar.gemm(.none, .none, m: outChannels, n: n, k: patch,
                            alpha: 1, a: weight.value.pointer, lda: patch, b: b, ldb: n,
                            beta: 0, c: y + first * outChannels * spatial, ldc: n)
                if let bias { addBias(bias.value.pointer, to: y + first * outChannels * spatial) }
            } else {
                Scalar.gemm(.none, .none, m: outChannels, n: n, k: patch,
                            alpha: 1, a: weight.value.pointer, lda: patch, b: b, ldb: n,
                            beta: 0, c: part.groupOutput.pointer, ldc: n)
                scatter(first: first, count: count, from: part.groupOutput.pointer)
            }
            first += count
        }
    }

    /// dy (batch × O×Ho×Wo) → dx (batch × C×H×W); sets dW (O × C·k·k) and db (O). With `addend` (batch × C×H×W),
    /// dx is the input gradient + addend (a residual block's shortcut gradient; the direct path adds each image while
    /// it is still in cache).
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int, adding addend: UnsafePointer<Scalar>? = nil) -> UnsafePointer<Scalar> {
        guard let x = input else { preconditionFailure("Conv2d.backward before forward") }
        precondition(batch >= 0 && batch <= maxBatch, "Conv2d: batch \(batch) outside 0…\(maxBatch)")
        precondition(addend == nil || needsInputGradient, "Conv2d: an addend needs the input gradient")
        if let repeatFold {
            repeatFold.backward(dy, batch: batch, weight: weight, bias: bias)
            return UnsafePointer(inputGradient.pointer)
        }
        if let bias { sumBiasGradient(dy, batch: batch, into: bias.gradient.pointer) }
        if let direct {
            if needsInputGradient { direct.packBackward(weights: UnsafePointer(weight.value.pointer.asFloats)) }
            let dyf = dy.asFloats, xf = x.asFloats, dwf = weight.gradient.pointer.asFloats
            let dxf = needsInputGradient ? inputGradient.pointer.asFloats : nil
            let addendf = addend.map(\.asFloats)
            let ranges = team.ranges(batch)
            team.run { part in
                direct.backward(dyf, input: xf, dx: dxf, adding: addendf, dw: dwf, images: ranges[part], part: part)
            }
            direct.sumWeightGradients(into: dwf, team: team)
            return UnsafePointer(inputGradient.pointer)
        }
        let ranges = team.ranges(batch)
        if let unrolled {
            unrolled.backward(dy, input: x, batch: batch, dx: needsInputGradient ? inputGradient.pointer : nil,
                              weightGradient: weight.gradient.pointer, team: team)
        } else {
            team.run { part in
                backwardIm2col(dy, input: x, images: ranges[part], scratch: scratch[part],
                               weightGradient: part == 0 ? weight.gradient.pointer : scratch[part].weightGradient.pointer)
            }
            for part in 1..<team.count {
                team.add(scratch[part].weightGradient.pointer, into: weight.gradient.pointer, count: weight.count)
            }
        }
        if let addend { team.add(addend, into: inputGradient.pointer, count: batch * inputShape.count) }
        return UnsafePointer(inputGradient.pointer)
    }

    /// The im2col backward of the examples in `range`: their dx, and their dW written to `weightGradient`.
    private func backwardIm2col(_ dy: UnsafePointer<Scalar>, input x: UnsafePointer<Scalar>, images range: Range<Int>,
                                scratch part: Im2colScratch, weightGradient: UnsafeMutablePointer<Scalar>) {
        let outChannels = outputShape.channels, spatial = outputShape.spatial
        let patch = inputShape.channels * kernel * kernel
        if range.isEmpty { weightGradient.update(repeating: 0, count: weight.count) }
        // Groups run last to first, so the first one backward sees is the one whose columns forward left behind.
        let groupCount = (range.count + groupSize - 1) / groupSize
        for group in (0..<groupCount).reversed() {
            let first = range.lowerBound + group * groupSize
            let count = min(groupSize, range.upperBound - first)
            let n = count * spatial
            let gradient: UnsafePointer<Scalar>
            if count == 1 {
                gradient = dy + first * outChannels * spatial
            } else {
                gather(dy, first: first, count: count, into: part.groupOutput.pointer)
                gradient = UnsafePointer(part.groupOutput.pointer)
            }
            let b = part.columnsGroupStart == first ? UnsafePointer(part.columns.pointer) : groupColumns(x, first: first, count: count, scratch: part)
            Scalar.gemm(.none, .transpose, m: outChannels, n: patch, k: n,
                        alpha: 1, a: gradient, lda: n, b: b, ldb: n,
                        beta: group == groupCount - 1 ? 0 : 1, c: weightGradient, ldc: patch)
            guard needsInputGradient else { continue }
            let dx = inputGradient.pointer + first * inputShape.count
            if isPointwise && count == 1 {
                Scalar.gemm(.transpose, .none, m: patch, n: n, k: outChannels,
                            alpha: 1, a: weight.value.pointer, lda: patch, b: gradient, ldb: n,
                            beta: 0, c: dx, ldc: n)
            } else {
                Scalar.gemm(.transpose, .none, m: patch, n: n, k: outChannels,
                            alpha: 1, a: weight.value.pointer, lda: patch, b: gradient, ldb: n,
                            beta: 0, c: part.columns.pointer, ldc: n)
                part.columnsGroupStart = nil
                col2im(from: part.columns.pointer, into: dx, count: count)
            }
        }
    }

    // MARK: - Group helpers

    /// The (C·k·k) × (count·Ho·Wo) columns of examples first..<first+count: the input itself for a
    /// pointwise convolution of one example, else im2col into `columns`.
    private func groupColumns(_ x: UnsafePointer<Scalar>, first: Int, count: Int, scratch part: Im2colScratch) -> UnsafePointer<Scalar> {
        if isPointwise && count == 1 { return x + first * inputShape.count }
        im2col(x + first * inputShape.count, count: count, into: part.columns.pointer)
        part.columnsGroupStart = first
        return UnsafePointer(part.columns.pointer)
    }

    /// y[first + e, o, :] = groupOutput[o, e·Ho·Wo ..< (e+1)·Ho·Wo] + b[o]
    private func scatter(first: Int, count: Int, from groupOutput: UnsafeMutablePointer<Scalar>) {
        let outChannels = outputShape.channels, spatial = outputShape.spatial, n = count * spatial
        let b = bias?.value.pointer
        for e in 0..<count {
            let example = output.pointer + (first + e) * outChannels * spatial
            for o in 0..<outChannels {
                let source = groupOutput + o * n + e * spatial
                let target = example + o * spatial
                if let b {
                    let shift = b[o]
                    for j in 0..<spatial { target[j] = source[j] + shift }
                } else {
                    target.update(from: source, count: spatial)
                }
            }
        }
    }

    /// groupOutput[o, e·Ho·Wo ..< (e+1)·Ho·Wo] = dy[first + e, o, :]
    private func gather(_ dy: UnsafePointer<Scalar>, first: Int, count: Int, into groupOutput: UnsafeMutablePointer<Scalar>) {
        let outChannels = outputShape.channels, spatial = outputShape.spatial, n = count * spatial
        for e in 0..<count {
            let example = dy + (first + e) * outChannels * spatial
            for o in 0..<outChannels {
                (groupOutput + o * n + e * spatial).update(from: example + o * spatial, count: spatial)
            }
        }
    }

    /// y[o, :] += b[o] for one example.
    private func addBias(_ b: UnsafePointer<Scalar>, to y: UnsafeMutablePointer<Scalar>) {
        let spatial = outputShape.spatial
        for o in 0..<outputShape.channels {
            let row = y + o * spatial, shift = b[o]
            for j in 0..<spatial { row[j] += shift }
        }
    }

    /// db[o] = Σ over examples and positions of dy[·, o, ·].
    private func sumBiasGradient(_ dy: UnsafePointer<Scalar>, batch: Int, into db: UnsafeMutablePointer<Scalar>) {
        let outChannels = outputShape.channels, spatial = outputShape.spatial
        db.update(repeating: 0, count: outChannels)
        withUnsafeTemporaryAllocation(of: Scalar.self, capacity: outChannels) { sums in
            for i in 0..<batch {
                PlaneSums.sums(dy + i * outChannels * spatial, stride: spatial, planes: outChannels, count: spatial,
                               into: sums.baseAddress!)
                for o in 0..<outChannels { db[o] += sums[o] }
            }
        }
    }

    // MARK: - im2col / col2im

    /// columns[(c·k + ki)·k + kj, e·Ho·Wo + oh·Wo + ow] = x[e, c, oh·s − p + ki, ow·s − p + kj] (0 outside),
    /// for the `count` examples starting at `x` (Float: `seplaw_im2col`, through a padded plane).
    private func im2col(_ x: UnsafePointer<Scalar>, count: Int, into columns: UnsafeMutablePointer<Scalar>) {
        let channels = inputShape.channels, height = inputShape.height, width = inputShape.width
        if Scalar.self == Float.self,
           seplaw_im2col(x.asFloats, count, channels, height, width, kernel, stride, padding, outputShape.height,
                         outputShape.width, columns.asFloats, count * outputShape.spatial) == 0 {
            return
        }
        let outHeight = outputShape.height, outWidth = outputShape.width, spatial = outputShape.spatial
        let k = kernel, s = stride, p = padding
        let ld = count * spatial
        for e in 0..<count {
            let example = x + e * inputShape.count
            for c in 0..<channels {
                let plane = example + c * height * width
                for ki in 0..<k {
                    let rows = validRows[ki]
                    for kj in 0..<k {
                        let cols = validColumns[kj]
                        let target = columns + ((c * k + ki) * k + kj) * ld + e * spatial
                        // Output rows whose input row is padding are zero; so are the ends of the others.
                        target.update(repeating: 0, count: rows.lowerBound * outWidth)
                        if isSameWidth {
                            copyShifted(plane, into: target, rows: rows, columns: cols, rowOffset: ki - p, shift: kj - p)
                            (target + rows.upperBound * outWidth).update(repeating: 0, count: (outHeight - rows.upperBound) * outWidth)
                            continue
                        }
                        for oh in rows {
                            let row = target + oh * outWidth
                            let source = plane + (oh * s - p + ki) * width
                            row.update(repeating: 0, count: cols.lowerBound)
                            if s == 1 {
                                (row + cols.lowerBound).update(from: source + (cols.lowerBound - p + kj), count: cols.count)
                            } else {
                                var iw = cols.lowerBound * s - p + kj
                                for ow in cols {
                                    row[ow] = source[iw]
                                    iw += s
                                }
                            }
                            (row + cols.upperBound).update(repeating: 0, count: outWidth - cols.upperBound)
                        }
                        (target + rows.upperBound * outWidth).update(repeating: 0, count: (outHeight - rows.upperBound) * outWidth)
                    }
                }
            }
        }
    }

    /// dx[e, c, ih, iw] = Σ of the column-gradient entries that im2col read from x[e, c, ih, iw],
    /// for the `count` examples starting at `dx`; padding positions are dropped (Float: `seplaw_col2im`, the same
    /// additions in the same order).
    private func col2im(from columns: UnsafeMutablePointer<Scalar>, into dx: UnsafeMutablePointer<Scalar>, count: Int) {
        let channels = inputShape.channels, height = inputShape.height, width = inputShape.width
        if Scalar.self == Float.self,
           seplaw_col2im(UnsafePointer(columns.asFloats), count * outputShape.spatial, count, channels, height, width,
                         kernel, stride, padding, outputShape.height, outputShape.width, dx.asFloats) == 0 {
            return
        }
        let outWidth = outputShape.width, spatial = outputShape.spatial
        let k = kernel, s = stride, p = padding
        let ld = count * spatial
        dx.update(repeating: 0, count: count * inputShape.count)
        for e in 0..<count {
            let example = dx + e * inputShape.count
            for c in 0..<channels {
                let plane = example + c * height * width
                for ki in 0..<k {
                    let rows = validRows[ki]
                    for kj in 0..<k {
                        let cols = validColumns[kj]
                        if isSameWidth {
                            let block = columns + ((c * k + ki) * k + kj) * ld + e * spatial
                            addShifted(block, into: plane, rows: rows, columns: cols, rowOffset: ki - p, shift: kj - p)
                            continue
                        }
                        let source = UnsafePointer(columns) + ((c * k + ki) * k + kj) * ld + e * spatial
                        for oh in rows {
                            let row = source + oh * outWidth
                            let target = plane + (oh * s - p + ki) * width
                            if s == 1 {
                                let shifted = target + (cols.lowerBound - p + kj)
                                let from = row + cols.lowerBound
                                for j in 0..<cols.count { shifted[j] += from[j] }
                            } else {
                                var iw = cols.lowerBound * s - p + kj
                                for ow in cols {
                                    target[iw] += row[ow]
                                    iw += s
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: - Stride 1, output as wide as the input ("same" convolutions)

    /// Whether every output row is as wide as an input row (stride 1, k = 2p + 1): then one kernel offset's
    /// columns are the input plane shifted by a constant, copied in one run instead of one run per row.
    private var isSameWidth: Bool { stride == 1 && outputShape.width == inputShape.width }

    /// target[oh·W + ow] = plane[(oh + rowOffset)·W + ow + shift] for oh in `rows`, ow in `columns`; 0 for the
    /// other ow of those rows. One contiguous copy, then the few wrapped entries at the row ends are cleared.
    private func copyShifted(_ plane: UnsafePointer<Scalar>, into target: UnsafeMutablePointer<Scalar>,
                             rows: Range<Int>, columns: Range<Int>, rowOffset: Int, shift: Int) {
        guard !rows.isEmpty else { return }
        let width = inputShape.width, total = rows.count * width
        let region = target + rows.lowerBound * width
        let source = plane + (rows.lowerBound + rowOffset) * width
        if shift >= 0 {
            region.update(from: source + shift, count: total - shift)
        } else {
            (region - shift).update(from: source, count: total + shift)
        }
        clearOutside(columns, of: region, rows: rows.count)
    }

    /// plane[(oh + rowOffset)·W + ow + shift] += block[oh·W + ow] for oh in `rows`, ow in `columns` (entries
    /// outside `columns` are padding: cleared in `block`, which is scratch, so one contiguous sum adds nothing there).
    private func addShifted(_ block: UnsafeMutablePointer<Scalar>, into plane: UnsafeMutablePointer<Scalar>,
                            rows: Range<Int>, columns: Range<Int>, rowOffset: Int, shift: Int) {
        guard !rows.isEmpty else { return }
        let width = inputShape.width, total = rows.count * width
        let region = block + rows.lowerBound * width
        clearOutside(columns, of: region, rows: rows.count)
        let target = plane + (rows.lowerBound + rowOffset) * width
        if shift >= 0 {
            let shifted = target + shift
            for i in 0..<(total - shift) { shifted[i] += region[i] }
        } else {
            let from = region - shift
            for i in 0..<(total + shift) { target[i] += from[i] }
        }
    }

    /// Sets entries outside `columns` of each of `rows` consecutive rows (width W) to zero.
    private func clearOutside(_ columns: Range<Int>, of region: UnsafeMutablePointer<Scalar>, rows: Int) {
        let width = inputShape.width
        for r in 0..<rows {
            let row = region + r * width
            for j in 0..<columns.lowerBound { row[j] = 0 }
            for j in columns.upperBound..<width { row[j] = 0 }
        }
    }
}
