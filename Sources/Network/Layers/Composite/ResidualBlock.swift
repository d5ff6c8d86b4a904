/// `y = body(x) + shortcut(x)`, rectified when `rectify`; an empty shortcut is the identity.
final class ResidualBlock<Scalar: NetworkScalar> {
    let body: [LayerNode<Scalar>]
    let shortcut: [LayerNode<Scalar>]
    let rectify: Bool
    /// Elements per example of the input and of the output.
    let inputCount: Int
    let outputCount: Int
    private let output: Buffer<Scalar>
    private let outputGradient: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>

    init(body: [LayerNode<Scalar>], shortcut: [LayerNode<Scalar>], rectify: Bool,
         inputCount: Int, outputCount: Int, maxBatch: Int) {
        self.body = body
        self.shortcut = shortcut
        self.rectify = rectify
        self.inputCount = inputCount
        self.outputCount = outputCount
        output = Buffer(count: maxBatch * outputCount)
        outputGradient = Buffer(count: rectify ? maxBatch * outputCount : 0)
        inputGradient = Buffer(count: maxBatch * inputCount)
    }

    /// x (batch × in) → y (batch × out)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode,
                 record: LayerNode<Scalar>.Recorder?) -> UnsafePointer<Scalar> {
        let main = body.forward(x, batch: batch, mode: mode, record: record)
        let skip = shortcut.forward(x, batch: batch, mode: mode, record: nil)
        let y = output.pointer, count = batch * outputCount
        if rectify {
            for i in 0..<count { y[i] = max(main[i] + skip[i], 0) }
        } else {
            for i in 0..<count { y[i] = main[i] + skip[i] }
        }
        return UnsafePointer(y)
    }

    /// dy (batch × out) → dx (batch × in)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        var gradient = dy
        if rectify {
            let g = outputGradient.pointer, y = output.pointer
            for i in 0..<(batch * outputCount) { g[i] = y[i] > 0 ? dy[i] : 0 }
            gradient = UnsafePointer(g)
        }
        let throughBody = body.backward(gradient, batch: batch)
        let throughShortcut = shortcut.backward(gradient, batch: batch)
        let dx = inputGradient.pointer
        for i in 0..<(batch * inputCount) { dx[i] = throughBody[i] + throughShortcut[i] }
        return UnsafePointer(dx)
    }
}
