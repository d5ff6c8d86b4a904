/// `y = body(x) + shortcut(x)`, rectified when `rectify`; an empty shortcut is the identity.
///
/// When the shortcut is the identity, the block rectifies and its body ends in a 2-D BatchNorm without a ReLU (the
/// paper's basic and bottleneck blocks), that BatchNorm does the add and the ReLU in its own output pass and writes
/// the shortcut's gradient in its backward pass (``BatchNorm2d/forward(_:batch:mode:adding:)``), and a first
/// convolution adds that gradient to its own input gradient image by image: the same values, three fewer passes
/// over the activations per step.
final class ResidualBlock<Scalar: NetworkScalar> {
    let body: [LayerNode<Scalar>]
    let shortcut: [LayerNode<Scalar>]
    let rectify: Bool
    /// Elements per example of the input and of the output.
    let inputCount: Int
    let outputCount: Int
    /// The body's last layer when it takes the block's add and ReLU, and the layers before it.
    private let fusedNorm: BatchNorm2d<Scalar>?
    private let leadingBody: [LayerNode<Scalar>]
    /// With `fusedNorm`: the body's first layer when it is a convolution, and the layers between it and `fusedNorm`.
    private let firstConvolution: Conv2d<Scalar>?
    private let middleBody: [LayerNode<Scalar>]
    /// False when nothing before the block needs a gradient (it is the network's first trainable layer).
    private(set) var needsInputGradient = true
    /// The threads the unfused block's sums split across (values: the same bits on any team).
    var team: ThreadTeam = .single
    private let output: Buffer<Scalar>
    private let outputGradient: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>

    /// `fuse: false` keeps every pass separate (for tests comparing the two).
    init(body: [LayerNode<Scalar>], shortcut: [LayerNode<Scalar>], rectify: Bool,
         inputCount: Int, outputCount: Int, maxBatch: Int, fuse: Bool = true) {
        self.body = body
        self.shortcut = shortcut
        self.rectify = rectify
        self.inputCount = inputCount
        self.outputCount = outputCount
        if fuse, shortcut.isEmpty, rectify, inputCount == outputCount, case let .batchNorm2d(norm)? = body.last, !norm.rectify {
            fusedNorm = norm
            leadingBody = Array(body.dropLast())
        } else {
            fusedNorm = nil
            leadingBody = body
        }
        if fusedNorm != nil, case let .convolution(convolution)? = leadingBody.first {
            firstConvolution = convolution
            middleBody = Array(leadingBody.dropFirst())
        } else {
            firstConvolution = nil
            middleBody = leadingBody
        }
        output = Buffer(count: fusedNorm == nil ? maxBatch * outputCount : 0)
        outputGradient = Buffer(count: rectify ? maxBatch * outputCount : 0)
        inputGradient = Buffer(count: maxBatch * inputCount)
    }

    /// The block is the network's first trainable layer: its first body and shortcut layers need no input gradient
    /// (their input repeats with `repeatPeriod` channels when given), and backward does not add the two.
    func skipInputGradient(repeatPeriod: Int?) {
        needsInputGradient = false
        body.first?.skipInputGradient(repeatPeriod: repeatPeriod)
        shortcut.first?.skipInputGradient(repeatPeriod: repeatPeriod)
    }

    /// x (batch × in) → y (batch × out)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode,
                 record: LayerNode<Scalar>.Recorder?) -> UnsafePointer<Scalar> {
        if let fusedNorm {
            let main = leadingBody.forward(x, batch: batch, mode: mode, record: record)
            return fusedNorm.forward(main, batch: batch, mode: mode, adding: x)
        }
        let main = body.forward(x, batch: batch, mode: mode, record: record)
        let skip = shortcut.forward(x, batch: batch, mode: mode, record: nil)
        let y = output.pointer, rectify = rectify
        team.forEachSlice(of: batch * outputCount) { values in
            if rectify {
                for i in values { y[i] = max(main[i] + skip[i], 0) }
            } else {
                for i in values { y[i] = main[i] + skip[i] }
            }
        }
        return UnsafePointer(y)
    }

    /// dy (batch × out) → dx (batch × in)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let throughBody: UnsafePointer<Scalar>, throughShortcut: UnsafePointer<Scalar>
        if let fusedNorm {
            let gradient = outputGradient.pointer
            let throughNorm = fusedNorm.backward(dy, batch: batch, shortcutGradient: gradient)
            if let firstConvolution, firstConvolution.needsInputGradient {
                let throughMiddle = middleBody.backward(throughNorm, batch: batch)
                return firstConvolution.backward(throughMiddle, batch: batch, adding: gradient)
            }
            throughBody = leadingBody.backward(throughNorm, batch: batch)
            throughShortcut = UnsafePointer(gradient)
        } else {
            var gradient = dy
            if rectify {
                let g = outputGradient.pointer, y = output.pointer
                team.forEachSlice(of: batch * outputCount) { values in
                    for i in values { g[i] = y[i] > 0 ? dy[i] : 0 }
                }
                gradient = UnsafePointer(g)
            }
            throughBody = body.backward(gradient, batch: batch)
            throughShortcut = shortcut.backward(gradient, batch: batch)
        }
        let dx = inputGradient.pointer
        guard needsInputGradient else { return UnsafePointer(dx) }
        team.forEachSlice(of: batch * inputCount) { values in
            for i in values { dx[i] = throughBody[i] + throughShortcut[i] }
        }
        return UnsafePointer(dx)
    }
}
