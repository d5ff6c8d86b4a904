import XCTest
import Linalg
@testable import Network

/// Every layer's backward against central finite differences of `Σ y ⊙ R` for a random R.
final class LayerGradientTests: XCTestCase {
    let batch = 5

    func testDense() {
        let layer = Dense<Double>(inputDimension: 4, outputDimension: 3, maxBatch: batch, name: "dense")
        var generator = SeededGenerator(seed: 3)
        layer.initialize(using: &generator)
        check(inputCount: batch * 4, outputCount: batch * 3, parameters: [layer.weight, layer.bias],
              forward: { layer.forward($0, batch: self.batch) },
              backward: { layer.backward($0, batch: self.batch) })
    }

    func testBatchNormWithBatchStatistics() {
        let layer = BatchNorm1d<Double>(features: 3, maxBatch: batch, name: "bn")
        for i in 0..<3 {
            layer.gamma.value.pointer[i] = 0.5 + Double(i)
            layer.beta.value.pointer[i] = -0.3 * Double(i)
        }
        check(inputCount: batch * 3, outputCount: batch * 3, parameters: [layer.gamma, layer.beta],
              forward: { layer.forward($0, batch: self.batch, mode: .batchStatistics) },
              backward: { layer.backward($0, batch: self.batch) })
    }

    func testBatchNormWithRunningStatistics() {
        let layer = BatchNorm1d<Double>(features: 3, maxBatch: batch, name: "bn")
        for i in 0..<3 {
            layer.runningMean.pointer[i] = 0.2 * Double(i)
            layer.runningVariance.pointer[i] = 0.5 + Double(i)
            layer.gamma.value.pointer[i] = 1.5
        }
        check(inputCount: batch * 3, outputCount: batch * 3, parameters: [layer.gamma, layer.beta],
              forward: { layer.forward($0, batch: self.batch, mode: .eval) },
              backward: { layer.backward($0, batch: self.batch) })
    }

    func testBatchNormRunningAveragesFollowPyTorch() {
        let layer = BatchNorm1d<Double>(features: 1, maxBatch: 4, name: "bn")
        let x: [Double] = [1, 2, 3, 6]
        _ = x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batch: 4, mode: .train) }
        // mean 3, unbiased variance (4 + 1 + 0 + 9) / 3
        XCTAssertEqual(layer.runningMean.pointer[0], 0.1 * 3, accuracy: 1e-12)
        XCTAssertEqual(layer.runningVariance.pointer[0], 0.9 + 0.1 * 14.0 / 3.0, accuracy: 1e-12)
        _ = x.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batch: 4, mode: .batchStatistics) }
        XCTAssertEqual(layer.runningMean.pointer[0], 0.3, accuracy: 1e-12, "measuring must not move running averages")
    }

    func testReLU() {
        let layer = ReLU<Double>(features: 4, maxBatch: batch)
        check(inputCount: batch * 4, outputCount: batch * 4, parameters: [],
              forward: { layer.forward($0, batch: self.batch) },
              backward: { layer.backward($0, batch: self.batch) })
    }

    func testSoftmaxCrossEntropy() {
        let k = 4
        let loss = SoftmaxCrossEntropy<Double>(classes: k, maxBatch: batch)
        let labels: [Int32] = [0, 3, 1, 1, 2]
        let initial = FiniteDifference.random(batch * k, seed: 9, scale: 2)
        let logits = UnsafeMutablePointer<Double>.allocate(capacity: batch * k)
        defer { logits.deallocate() }
        logits.initialize(from: initial, count: batch * k)
        func value() -> Double {
            labels.withUnsafeBufferPointer { loss.forward(logits, labels: $0.baseAddress!, batch: batch) }
        }
        // The reference value from the textbook formula.
        var expected = 0.0
        for i in 0..<batch {
            let row = initial[(i * k)..<((i + 1) * k)]
            expected -= log(exp(row[row.startIndex + Int(labels[i])]) / row.map(exp).reduce(0, +))
        }
        XCTAssertEqual(value(), expected / Double(batch), accuracy: 1e-12)
        let analytic = labels.withUnsafeBufferPointer { Array(UnsafeBufferPointer(start: loss.backward(labels: $0.baseAddress!, batch: batch), count: batch * k)) }
        let numeric = FiniteDifference.gradient(of: logits, count: batch * k, loss: value)
        XCTAssertLessThan(FiniteDifference.maxRelativeError(analytic, numeric), 1e-6)
    }

    /// BatchNorm with the fused ReLU, in both modes.
    func testFusedBatchNormReLU() {
        for mode in [Mode.batchStatistics, .eval] {
            let layer = BatchNorm1d<Double>(features: 3, maxBatch: batch, name: "bnrelu", rectify: true)
            for i in 0..<3 {
                layer.gamma.value.pointer[i] = 0.7 + 0.4 * Double(i)
                layer.beta.value.pointer[i] = 0.2 - 0.3 * Double(i)
            }
            check(inputCount: batch * 3, outputCount: batch * 3, parameters: [layer.gamma, layer.beta],
                  forward: { layer.forward($0, batch: self.batch, mode: mode) },
                  backward: { layer.backward($0, batch: self.batch) })
            let output = FiniteDifference.random(batch * 3, seed: 1).withUnsafeBufferPointer {
                Array(UnsafeBufferPointer(start: layer.forward($0.baseAddress!, batch: batch, mode: mode), count: batch * 3))
            }
            XCTAssertTrue(output.allSatisfy { $0 >= 0 })
            XCTAssertTrue(output.contains(0), "some outputs are rectified")
        }
    }
}
