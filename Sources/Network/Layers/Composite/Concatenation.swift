/// The outputs of several branches stacked along channels (branch 0's channels first); an empty branch
/// passes the input through (a DenseNet layer is `[[], [BN, ReLU, conv]]`).
final class Concatenation<Scalar: NetworkScalar> {
    let branches: [[LayerNode<Scalar>]]
    /// Elements per example of each branch's output (channels × spatial).
    let branchCounts: [Int]
    let inputCount: Int
    let outputCount: Int
    private let output: Buffer<Scalar>
    private let branchGradient: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>

    init(branches: [[LayerNode<Scalar>]], branchCounts: [Int], inputCount: Int, maxBatch: Int) {
        self.branches = branches
        self.branchCounts = branchCounts
        self.inputCount = inputCount
        outputCount = branchCounts.reduce(0, +)
        output = Buffer(count: maxBatch * outputCount)
        branchGradient = Buffer(count: maxBatch * (branchCounts.max() ?? 0))
        inputGradient = Buffer(count: maxBatch * inputCount)
    }

    /// x (batch × in) → y (batch × Σ branch outputs)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int, mode: Mode) -> UnsafePointer<Scalar> {
        var offset = 0
        for (branch, count) in zip(branches, branchCounts) {
            let y = branch.forward(x, batch: batch, mode: mode, record: nil)
            for example in 0..<batch {
                (output.pointer + example * outputCount + offset).update(from: y + example * count, count: count)
            }
            offset += count
        }
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × Σ branch outputs) → dx (batch × in)
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let dx = inputGradient.pointer
        dx.update(repeating: 0, count: batch * inputCount)
        var offset = 0
        for (branch, count) in zip(branches, branchCounts) {
            let slice = branchGradient.pointer
            for example in 0..<batch {
                (slice + example * count).update(from: dy + example * outputCount + offset, count: count)
            }
            let through = branch.backward(UnsafePointer(slice), batch: batch)
            for i in 0..<(batch * inputCount) { dx[i] += through[i] }
            offset += count
        }
        return UnsafePointer(dx)
    }
}
