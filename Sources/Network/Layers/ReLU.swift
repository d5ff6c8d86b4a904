/// The rectifier `y = max(x, 0)`.
final class ReLU<Scalar: NetworkScalar> {
    let features: Int
    /// The threads the element-wise passes split across (slices of the batch's values; same bits on any team).
    var team: ThreadTeam = .single
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
        team.forEachSlice(of: batch * features) { slice in
            var i = slice.lowerBound
            while i < slice.upperBound {
                let v = x[i]
                y[i] = v > 0 ? v : 0
                i &+= 1
            }
        }
        return UnsafePointer(y)
    }

    /// dy (batch × features) → dx (batch × features)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let y = output.pointer, dx = inputGradient.pointer
        team.forEachSlice(of: batch * features) { slice in
            var i = slice.lowerBound
            while i < slice.upperBound {
                let mask: Scalar = y[i] > 0 ? 1 : 0
                dx[i] = dy[i] * mask
                i &+= 1
            }
        }
        return UnsafePointer(dx)
    }
}
