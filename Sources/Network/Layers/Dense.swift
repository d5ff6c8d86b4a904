import Linalg

/// A fully connected layer `y = x · Wᵀ + b` with PyTorch's layout (W is out × in).
final class Dense<Scalar: NetworkScalar> {
    let inputDimension: Int
    let outputDimension: Int
    let weight: Parameter<Scalar>
    let bias: Parameter<Scalar>
    /// Whether backward must produce the gradient of its input (false for the first layer, which then holds no
    /// buffer for it).
    var needsInputGradient = true {
        didSet { if needsInputGradient != oldValue { inputGradient = Buffer(count: needsInputGradient ? maxBatch * inputDimension : 0) } }
    }
    /// The threads the products split across (see ``forward(_:batch:)`` and ``backward(_:batch:)``).
    var team: ThreadTeam = .single
    private let output: Buffer<Scalar>
    private var inputGradient: Buffer<Scalar>
    private let maxBatch: Int
    private var input: UnsafePointer<Scalar>?

    init(inputDimension: Int, outputDimension: Int, maxBatch: Int, name: String) {
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        weight = Parameter(name: "\(name).weight", count: outputDimension * inputDimension)
        bias = Parameter(name: "\(name).bias", count: outputDimension)
        output = Buffer(count: maxBatch * outputDimension)
        inputGradient = Buffer(count: maxBatch * inputDimension)
        self.maxBatch = maxBatch
    }

    /// PyTorch's default: weights and biases uniform in ±1/sqrt(fan_in).
    func initialize(using generator: inout SeededGenerator) {
        let bound = 1 / Double(inputDimension).squareRoot()
        for i in 0..<weight.count { weight.value.pointer[i] = Scalar(bound * (2 * generator.nextUnit() - 1)) }
        for i in 0..<bias.count { bias.value.pointer[i] = Scalar(bound * (2 * generator.nextUnit() - 1)) }
    }

    /// x (batch × in) → y (batch × out); on a team, blocks of y along its longer side (``ThreadTeam/forEachBlock``).
    func forward(_ x: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        input = x
        let out = outputDimension, inDim = inputDimension, w = weight.value.pointer, b = bias.value.pointer, y = output.pointer
        team.forEachBlock(rows: batch, columns: out, work: inDim) { rows, columns in
            Scalar.gemm(.none, .transpose, m: rows.count, n: columns.count, k: inDim,
                        a: x + rows.lowerBound * inDim, lda: inDim, b: w + columns.lowerBound * inDim, ldb: inDim,
                        rowBias: b + columns.lowerBound, c: y + rows.lowerBound * out + columns.lowerBound, ldc: out)
        }
        return UnsafePointer(y)
    }

    /// dy (batch × out) → dx (batch × in); sets dW (out × in) and db (out). On a team, dW and dx in blocks along
    /// their longer sides (each value is computed whole by one thread).
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        guard let x = input else { preconditionFailure("Dense.backward before forward") }
        let out = outputDimension, inDim = inputDimension
        let w = weight.value.pointer, dw = weight.gradient.pointer, dx = inputGradient.pointer
        team.forEachBlock(rows: out, columns: inDim, work: batch) { rows, columns in
            Scalar.gemm(.transpose, .none, m: rows.count, n: columns.count, k: batch,
                        alpha: 1, a: dy + rows.lowerBound, lda: out, b: x + columns.lowerBound, ldb: inDim,
                        beta: 0, c: dw + rows.lowerBound * inDim + columns.lowerBound, ldc: inDim)
        }
        TrainingKernels.columnSums(dy, rows: batch, cols: out, into: bias.gradient.pointer)
        if needsInputGradient {
            team.forEachBlock(rows: batch, columns: inDim, work: out) { rows, columns in
                Scalar.gemm(.none, .none, m: rows.count, n: columns.count, k: out,
                            alpha: 1, a: dy + rows.lowerBound * out, lda: out, b: w + columns.lowerBound, ldb: inDim,
                            beta: 0, c: dx + rows.lowerBound * inDim + columns.lowerBound, ldc: inDim)
            }
        }
        return UnsafePointer(dx)
    }
}
