import CKernels
import Linalg

/// The direct stride-1 convolution of ``Conv2d`` for Float32 (the C kernels of `DirectConvolution.c`): each image's
/// input is copied once into zero-padded planes and the output is accumulated in registers over C·k·k, instead of
/// im2col's k² copies and a GEMM only O rows tall. The input gradient is the same kernel on the padded output
/// gradient with flipped, transposed weights; the weight gradient correlates input and output-gradient planes.
///
/// Images are processed in parts (``ThreadTeam/ranges(_:)``) with one scratch set per part, so a layer can run its
/// parts on several threads; the weight gradient of each part is summed in part order (fixed for a given count).
final class DirectConvolution {
    let input: TensorShape
    let output: TensorShape
    let kernel: Int
    let padding: Int
    /// Row stride and rows of a padded input plane.
    let inputLd: Int, inputRows: Int
    /// Margin, row stride and rows of a padded output-gradient plane.
    let gradientMargin: Int, gradientLd: Int, gradientRows: Int
    /// Whether a padded plane would be the plane itself (no margin, and rows exactly as long as the kernels' loads
    /// reach: a 1×1 convolution without padding on planes 8, 16 or 32 wide), so the kernels read the tensor in
    /// place instead of a copy.
    let inputNeedsNoCopy: Bool, gradientNeedsNoCopy: Bool
    private let packedWeights: Buffer<Float>
    private let flippedWeights: Buffer<Float>
    /// One padded input and one padded gradient per part.
    private var paddedInputs: [Buffer<Float>]
    private var paddedGradients: [Buffer<Float>]
    /// Each part's weight gradient before the parts are summed (part 0 writes the layer's own).
    private var partialWeightGradients: [Buffer<Float>]
    /// Each part's weight gradient as 8 lane sums per weight, summed across lanes once per part.
    private var weightGradientLanes: [Buffer<Float>]

    /// Whether the direct kernels compute this convolution: stride 1 and padding at most k − 1.
    static func supports(kernel: Int, stride: Int, padding: Int) -> Bool {
        stride == 1 && padding <= kernel - 1
    }

    init(input: TensorShape, output: TensorShape, kernel: Int, padding: Int) {
        self.input = input
        self.output = output
        self.kernel = kernel
        self.padding = padding
        let k = kernel
        inputLd = Self.roundUp(output.width) + k - 1
        inputRows = input.height + 2 * padding
        gradientMargin = k - 1 - padding
        gradientLd = max(Self.roundUp(input.width) + k - 1, gradientMargin + Self.roundUp(output.width))
        gradientRows = output.height + 2 * gradientMargin
        inputNeedsNoCopy = padding == 0 && inputLd == input.width && inputRows == input.height
        gradientNeedsNoCopy = gradientMargin == 0 && gradientLd == output.width && gradientRows == output.height
        let blocks = { (n: Int) in (n + 3) / 4 * 4 }
        packedWeights = Buffer(count: blocks(output.channels) * input.channels * k * k)
        flippedWeights = Buffer(count: blocks(input.channels) * output.channels * k * k)
        paddedInputs = []
        paddedGradients = []
        partialWeightGradients = []
        weightGradientLanes = []
        reserveParts(1)
    }

    private static func roundUp(_ n: Int) -> Int { (n + 7) / 8 * 8 }

    /// Makes scratch for `parts` parts.
    func reserveParts(_ parts: Int) {
        while paddedInputs.count < parts {
            paddedInputs.append(Buffer(count: inputNeedsNoCopy ? 0 : input.channels * inputRows * inputLd))
            paddedGradients.append(Buffer(count: gradientNeedsNoCopy ? 0 : output.channels * gradientRows * gradientLd))
            partialWeightGradients.append(Buffer(count: paddedInputs.count == 1 ? 0 : output.channels * input.channels * kernel * kernel))
            weightGradientLanes.append(Buffer(count: 8 * output.channels * input.channels * kernel * kernel))
        }
    }

    /// Packs W for the forward kernel (call once per forward pass, before ``forward``).
    func packForward(weights: UnsafePointer<Float>) {
        seplaw_conv_pack_weights(weights, output.channels, input.channels, kernel, 0, packedWeights.pointer)
    }

    /// Packs W flipped and transposed for the input gradient (once per backward pass).
    func packBackward(weights: UnsafePointer<Float>) {
        seplaw_conv_pack_weights(weights, input.channels, output.channels, kernel, 1, flippedWeights.pointer)
    }

    /// x (images × C×H×W) → y (images × O×Ho×Wo) for the images in `range`, with the scratch of `part`.
    func forward(_ x: UnsafePointer<Float>, bias: UnsafePointer<Float>?, into y: UnsafeMutablePointer<Float>,
                 images range: Range<Int>, part: Int) {
        for n in range {
            let padded = pad(x + n * input.count, part: part)
            seplaw_conv_forward_direct(padded, input.channels, inputRows * inputLd, inputLd, packedWeights.pointer,
                                       output.channels, kernel, output.height, output.width, bias, y + n * output.count)
        }
    }

    /// dy (images × O×Ho×Wo) → dx (images × C×H×W) when `dx` is given (plus `addend`, image by image, when given),
    /// and the weight gradient of the images in `range`: written to `dw` for part 0, else to the part's own buffer
    /// (``sumWeightGradients``).
    func backward(_ dy: UnsafePointer<Float>, input x: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?,
                  adding addend: UnsafePointer<Float>? = nil, dw: UnsafeMutablePointer<Float>, images range: Range<Int>,
                  part: Int) {
        let target = part == 0 ? dw : partialWeightGradients[part].pointer
        let lanes = weightGradientLanes[part].pointer
        let q = gradientMargin
        for n in range {
            let paddedInput = pad(x + n * input.count, part: part)
            let paddedGradient = padGradient(dy + n * output.count, part: part)
            seplaw_conv_weight_gradient_direct(paddedInput, input.channels, inputRows * inputLd, inputLd,
                                               paddedGradient + q * gradientLd + q, output.channels, gradientRows * gradientLd, gradientLd, kernel,
                                               output.height, output.width, lanes, n == range.lowerBound ? 0 : 1)
            if let dx {
                let image = dx + n * input.count
                seplaw_conv_forward_direct(paddedGradient, output.channels, gradientRows * gradientLd, gradientLd,
                                           flippedWeights.pointer, input.channels, kernel, input.height, input.width,
                                           nil, image)
                if let addend {
                    let extra = addend + n * input.count
                    for i in 0..<input.count { image[i] += extra[i] }
                }
            }
        }
        let count = output.channels * input.channels * kernel * kernel
        if range.isEmpty { target.update(repeating: 0, count: count) } else { seplaw_conv_sum_lanes(lanes, count, target) }
    }

    /// dw += the partial weight gradients of the team's parts 1..<count, in part order (each sum split across the team).
    func sumWeightGradients(into dw: UnsafeMutablePointer<Float>, team: ThreadTeam) {
        let count = output.channels * input.channels * kernel * kernel
        for part in 1..<team.count { team.add(partialWeightGradients[part].pointer, into: dw, count: count) }
    }

    /// One image's input as padded planes: the part's copy, or the image itself when no copy is needed.
    private func pad(_ x: UnsafePointer<Float>, part: Int) -> UnsafePointer<Float> {
        if inputNeedsNoCopy { return x }
        let padded = paddedInputs[part].pointer
        seplaw_conv_pad(x, input.channels, input.height, input.width, padding, padding, inputRows, inputLd, padded)
        return UnsafePointer(padded)
    }

    /// One image's output gradient as padded planes (margin ``gradientMargin``), copied unless no copy is needed.
    private func padGradient(_ dy: UnsafePointer<Float>, part: Int) -> UnsafePointer<Float> {
        if gradientNeedsNoCopy { return dy }
        let padded = paddedGradients[part].pointer
        seplaw_conv_pad(dy, output.channels, output.height, output.width, gradientMargin, gradientMargin, gradientRows,
                        gradientLd, padded)
        return UnsafePointer(padded)
    }
}
