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
    /// Images whose weight-gradient sums are added to the lanes in one pass (``seplaw_conv_weight_gradient_direct_images``):
    /// the lanes (8 per weight) are read and written once per group instead of once per image. That pays where an
    /// image is small against the lanes: at outputs of 8×8 and smaller, two threads' weight gradients ran 1.2–1.6×
    /// faster with 4 images a pass (`seplaw bench --convolutions --threads 2`); at 16×16 and 32×32 no difference showed,
    /// and the part's padded copies would take 4× the memory.
    let imagesPerLanePass: Int

    /// ``imagesPerLanePass`` padded inputs and padded gradients per part.
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
        imagesPerLanePass = output.height * output.width <= 64 ? 4 : 1
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

    /// Floats of one image's padded input planes and of its padded output-gradient planes.
    private var paddedInputCount: Int { input.channels * inputRows * inputLd }
    private var paddedGradientCount: Int { output.channels * gradientRows * gradientLd }

    /// Makes scratch for `parts` parts.
    func reserveParts(_ parts: Int) {
        let group = imagesPerLanePass
        while paddedInputs.count < parts {
            paddedInputs.append(Buffer(count: inputNeedsNoCopy ? 0 : group * paddedInputCount))
            paddedGradients.append(Buffer(count: gradientNeedsNoCopy ? 0 : group * paddedGradientCount))
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
    /// (``sumWeightGradients``). Images go ``imagesPerLanePass`` at a time through the weight-gradient kernel.
    func backward(_ dy: UnsafePointer<Float>, input x: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?,
                  adding addend: UnsafePointer<Float>? = nil, dw: UnsafeMutablePointer<Float>, images range: Range<Int>,
                  part: Int) {
        let target = part == 0 ? dw : partialWeightGradients[part].pointer
        let lanes = weightGradientLanes[part].pointer
        let q = gradientMargin
        withUnsafeTemporaryAllocation(of: UnsafePointer<Float>?.self, capacity: 2 * imagesPerLanePass) { pointers in
            let inputs = pointers.baseAddress!, gradients = inputs + imagesPerLanePass
            var first = range.lowerBound
            while first < range.upperBound {
                let count = min(imagesPerLanePass, range.upperBound - first)
                for slot in 0..<count {
                    inputs[slot] = pad(x + (first + slot) * input.count, part: part, slot: slot)
                    gradients[slot] = padGradient(dy + (first + slot) * output.count, part: part, slot: slot) + q * gradientLd + q
                }
                seplaw_conv_weight_gradient_direct_images(inputs, gradients, count, input.channels, inputRows * inputLd,
                                                          inputLd, output.channels, gradientRows * gradientLd, gradientLd,
                                                          kernel, output.height, output.width, lanes,
                                                          first == range.lowerBound ? 0 : 1)
                if let dx {
                    for slot in 0..<count {
                        let image = dx + (first + slot) * input.count
                        seplaw_conv_forward_direct(gradients[slot]! - q * gradientLd - q, output.channels,
                                                   gradientRows * gradientLd, gradientLd, flippedWeights.pointer,
                                                   input.channels, kernel, input.height, input.width, nil, image)
                        if let addend {
                            let extra = addend + (first + slot) * input.count
                            for i in 0..<input.count { image[i] += extra[i] }
                        }
                    }
                }
                first += count
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

    /// One image's input as padded planes: the part's copy in `slot`, or the image itself when no copy is needed.
    private func pad(_ x: UnsafePointer<Float>, part: Int, slot: Int = 0) -> UnsafePointer<Float> {
        if inputNeedsNoCopy { return x }
        let padded = paddedInputs[part].pointer + slot * paddedInputCount
        seplaw_conv_pad(x, input.channels, input.height, input.width, padding, padding, inputRows, inputLd, padded)
        return UnsafePointer(padded)
    }

    /// One image's output gradient as padded planes (margin ``gradientMargin``) in `slot`, copied unless no copy is
    /// needed.
    private func padGradient(_ dy: UnsafePointer<Float>, part: Int, slot: Int) -> UnsafePointer<Float> {
        if gradientNeedsNoCopy { return dy }
        let padded = paddedGradients[part].pointer + slot * paddedGradientCount
        seplaw_conv_pad(dy, output.channels, output.height, output.width, gradientMargin, gradientMargin, gradientRows,
                        gradientLd, padded)
        return UnsafePointer(padded)
    }
}
