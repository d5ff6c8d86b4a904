/// The rectifier `y = max(x, 0)`.
final class ReLU<Scalar: NetworkScalar> {
    let features: Int
    private let output: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>

    init(features: Int, maxBatch: Int) {
        self.features = features
        output = Buffer(count: maxBatch * features)
        inputGradient = Buffer(count: maxBatch * features)
    }

    /// x (batch × features) → y (batch × features)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let y = output.pointer
        for i in 0..<(batch * features) { y[i] = x[i] > 0 ? x[i] : 0 }
        return UnsafePointer(y)
    }

    /// dy (batch × features) → dx (batch × features)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let y = output.pointer, dx = inputGradient.pointer
        for i in 0..<(batch * features) { dx[i] = y[i] > 0 ? dy[i] : 0 }
        return UnsafePointer(dx)
    }
}
