import Linalg

/// A fully connected layer `y = x · Wᵀ + b` with PyTorch's layout (W is out × in).
final class Dense<Scalar: NetworkScalar> {
    let inputDimension: Int
    let outputDimension: Int
    let weight: Parameter<Scalar>
    let bias: Parameter<Scalar>
    /// Whether backward must produce the gradient of its input (false for the first layer).
    var needsInputGradient = true
    private let output: Buffer<Scalar>
    private let inputGradient: Buffer<Scalar>
    private var input: UnsafePointer<Scalar>?

    init(inputDimension: Int, outputDimension: Int, maxBatch: Int, name: String) {
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        weight = Parameter(name: "\(name).weight", count: outputDimension * inputDimension)
        bias = Parameter(name: "\(name).bias", count: outputDimension)
        output = Buffer(count: maxBatch * outputDimension)
        inputGradient = Buffer(count: maxBatch * inputDimension)
    }

    /// PyTorch's default: weights and biases uniform in ±1/sqrt(fan_in).
    func initialize(using generator: inout SeededGenerator) {
        let bound = 1 / Double(inputDimension).squareRoot()
        for i in 0..<weight.count { weight.value.pointer[i] = Scalar(bound * (2 * generator.nextUnit() - 1)) }
        for i in 0..<bias.count { bias.value.pointer[i] = Scalar(bound * (2 * generator.nextUnit() - 1)) }
    }

    /// x (batch × in) → y (batch × out)
    func forward(_ x: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        input = x
        let out = outputDimension
        Scalar.gemm(.none, .transpose, m: batch, n: out, k: inputDimension,
                    a: x, lda: inputDimension, b: weight.value.pointer, ldb: inputDimension,
                    rowBias: bias.value.pointer, c: output.pointer, ldc: out)
        return UnsafePointer(output.pointer)
    }

    /// dy (batch × out) → dx (batch × in); sets dW (out × in) and db (out).
    func backward(_ dy: UnsafePointer<Scalar>, batch: Int) -> UnsafePointer<Scalar> {
        guard let x = input else { preconditionFailure("Dense.backward before forward") }
        let out = outputDimension, inDim = inputDimension
        Scalar.gemm(.transpose, .none, m: out, n: inDim, k: batch,
                    alpha: 1, a: dy, lda: out, b: x, ldb: inDim,
                    beta: 0, c: weight.gradient.pointer, ldc: inDim)
        TrainingKernels.columnSums(dy, rows: batch, cols: out, into: bias.gradient.pointer)
        if needsInputGradient {
            Scalar.gemm(.none, .none, m: batch, n: inDim, k: out,
                        alpha: 1, a: dy, lda: out, b: weight.value.pointer, ldb: inDim,
                        beta: 0, c: inputGradient.pointer, ldc: inDim)
        }
        return UnsafePointer(inputGradient.pointer)
    }
}
