/// The outputs of several branches stacked along channels (branch 0's channels first); an empty branch
/// passes the input through (a DenseNet layer is `[[], [BN, ReLU, conv]]`).
final class Concatenation<Scalar: NetworkScalar> {
    let branches: [[LayerNode<Scalar>]]
    /// Elements per example of each branch's output (channels × spatial).
    let branchCounts: [Int]
    let inputCount: Int
    let outputCount: Int
    /// The threads the copies and sums split across (examples, values: the same bits on any team).
    var team: ThreadTeam = .single
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
        let out = output.pointer, stride = outputCount
        for (branch, count) in zip(branches, branchCounts) {
            let y = branch.forward(x, batch: batch, mode: mode, record: nil), column = offset
            team.forEachSlice(of: batch, grain: ThreadTeam.rowGrain(rowValues: count)) { examples in
                for example in examples {
                    (out + example * stride + column).update(from: y + example * count, count: count)
                }
            }
            offset += count
        }
        return UnsafePointer(out)
    }

    /// dy (batch × Σ branch outputs) → dx (batch × in): the sum of the branches' input gradients, in branch order
    /// from zero.
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        let dx = inputGradient.pointer, slice = branchGradient.pointer, stride = outputCount, total = batch * inputCount
        var offset = 0
        for (index, (branch, count)) in zip(branches, branchCounts).enumerated() {
            let column = offset
            team.forEachSlice(of: batch, grain: ThreadTeam.rowGrain(rowValues: count)) { examples in
                for example in examples {
                    (slice + example * count).update(from: dy + example * stride + column, count: count)
                }
            }
            let through = branch.backward(UnsafePointer(slice), batch: batch)
            if index == 0 {
                team.forEachSlice(of: total) { values in
                    for i in values { dx[i] = 0 + through[i] }
                }
            } else {
                team.add(through, into: dx, count: total)
            }
            offset += count
        }
        if branches.isEmpty { dx.update(repeating: 0, count: total) }
        return UnsafePointer(dx)
    }
}
