import Foundation
import XCTest
import Linalg
@testable import Network

/// seplaw against PyTorch, the way llm.c checks itself: each fixture (Benchmarks/pytorch_fixtures.py) holds PyTorch's
/// initial weights for one network, a fixed batch of Fashion-MNIST images, and PyTorch's results computed in
/// Float64 from them. seplaw's Float32 network, built from its own builder and loaded with those weights, must give
/// the same step-0 logits, loss and gradients and the same losses over 10 Adam and 10 momentum steps.
///
/// Tolerances (Float32 against a Float64 reference). Training amplifies rounding (a ReLU decision that flips changes
/// every later step), so besides a fixed Float32 allowance each check grants 10 × the spread the fixture measured:
/// the largest deviation of PyTorch's own Float32 run and of Float64 runs from weights perturbed by one Float32
/// rounding.
/// - logits: max |Δ| ≤ 1e-4 · max(1, max |logit|); loss: |Δ| ≤ 1e-5 · max(1, loss);
/// - gradients, per parameter tensor: ‖Δ‖ ≤ 1e-4 · ‖g‖ + 1e-6 · ‖g_all‖ + 10 · spread (‖g_all‖ the whole
///   gradient's norm: it covers tensors whose exact gradient is 0, like a bias just before BatchNorm);
/// - losses of the optimiser steps: |Δ| ≤ 1e-4 · max(1, loss) + 10 · spread at that step.
///
/// The same network in Float64 checks the architecture and the weight mapping without any rounding allowance: its
/// step-0 gradients must match PyTorch's to 1e-6 · ‖g‖ + 1e-9 · ‖g_all‖ (the references are stored in Float32).
final class PyTorchFixtureTests: XCTestCase {
    let grey32 = TensorShape(channels: 1, height: 32, width: 32)

    func testGFNN() throws {
        try check("gfnn", try .gfnn(input: .flat(100), classCount: 10, depth: 2, width: 100))
    }

    func testResNetBasicFour() throws {
        let plan = try NetworkPlan.resnet(input: grey32, classCount: 10, blocks: Array(repeating: .basic, count: 4))
        XCTAssertEqual(plan.parameterCount, 86_666, "the authors' basic ×4 ResNet")
        XCTAssertEqual(plan.measuredPoints.count, 5, "the input and 4 blocks")
        try check("resnet-basic4", plan)
    }

    func testResNetBottleneckFour() throws {
        try skipUnderSanitizer()
        try check("resnet-bottleneck4", try .resnet(input: grey32, classCount: 10, blocks: Array(repeating: .bottleneck, count: 4)))
    }

    func testVGG13() throws {
        try skipUnderSanitizer()
        try check("vgg13", try .vgg(input: grey32, classCount: 10, variant: 13, widthMultiplier: 1.0 / 32))
    }

    func testAlexNet() throws {
        try skipUnderSanitizer()
        try check("alexnet", try .alexnet(input: grey32, classCount: 10, widthMultiplier: 1.0 / 32))
    }

    /// The widest fixtures take minutes under a sanitizer; the GFNN and the basic ResNet still run there.
    private func skipUnderSanitizer() throws {
        if let sanitizer = ProcessInfo.processInfo.environment["SEPLAW_SANITIZER"] {
            throw XCTSkip("under the \(sanitizer) sanitizer only the GFNN and basic ResNet fixtures run (time)")
        }
    }

    // MARK: - The comparison

    /// A network of `plan` holding the fixture's weights (PyTorch's parameter order is seplaw's forward order).
    private func loaded<Scalar: NetworkScalar>(_ plan: NetworkPlan, _ fixture: PyTorchFixture,
                                               as type: Scalar.Type = Float.self) throws -> Sequential<Scalar> {
        let network = Sequential<Scalar>(plan, maxBatch: fixture.header.batch, seed: 0)
        let tensors = fixture.header.parameters
        XCTAssertEqual(network.parameters.count, tensors.count, "parameter tensors")
        for (index, (parameter, tensor)) in zip(network.parameters, tensors).enumerated() {
            let weights = try fixture.array("weight.\(index)")
            guard parameter.count == weights.count, weights.count == tensor.shape.reduce(1, *) else {
                throw PyTorchFixture.FormatError(description: "\(fixture.header.name): tensor \(index) (\(tensor.name)) "
                    + "has \(weights.count) values, seplaw's \(parameter.name) \(parameter.count)")
            }
            for (offset, value) in weights.enumerated() { parameter.value.pointer[offset] = Scalar(Double(value)) }
        }
        return network
    }

    private func check(_ name: String, _ plan: NetworkPlan) throws {
        let fixture = try PyTorchFixture(named: name)
        let header = fixture.header
        let batch = header.batch
        XCTAssertEqual(plan.parameterCount, header.parameterCount, "\(name): parameter count")
        XCTAssertEqual([plan.inputShape.channels, plan.inputShape.height, plan.inputShape.width],
                       header.inputShape.count == 3 ? header.inputShape : [header.inputShape[0], 1, 1])
        let input = try fixture.array("input")
        XCTAssertEqual(input.count, batch * plan.inputShape.count)
        let labels = header.labels.map(Int32.init)

        // Step 0: logits, loss, gradients.
        let network = try loaded(plan, fixture)
        let (logits, loss) = input.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                let out = network.forward(x.baseAddress!, batch: batch, mode: .train)
                let logits = Array(UnsafeBufferPointer(start: out, count: batch * header.classes))
                let loss = network.loss.forward(out, labels: y.baseAddress!, batch: batch)
                network.backward(network.loss.backward(labels: y.baseAddress!, batch: batch), batch: batch)
                return (logits, loss)
            }
        }
        let expectedLogits = try fixture.array("logits")
        let scale = max(1, expectedLogits.map { abs(Double($0)) }.max() ?? 0)
        let logitError = zip(logits, expectedLogits).map { abs(Double($0) - Double($1)) }.max() ?? .infinity
        XCTAssertLessThanOrEqual(logitError, 1e-4 * scale, "\(name): logits")
        XCTAssertEqual(loss, header.loss, accuracy: 1e-5 * max(1, header.loss), "\(name): step-0 loss")

        XCTAssertEqual(header.gradientSpread.count, network.parameters.count)
        let references = try network.parameters.indices.map { try fixture.array("gradient.\($0)") }
        let total = references.reduce(0.0) { $0 + norm($1.map(Double.init)) * norm($1.map(Double.init)) }.squareRoot()
        var worst = 0.0
        for (index, (parameter, reference)) in zip(network.parameters, references).enumerated() {
            let mine = Array(parameter.gradient.buffer)
            let difference = norm(zip(mine, reference).map { Double($0) - Double($1) })
            let allowed = 1e-4 * norm(reference.map(Double.init)) + 1e-6 * total + 10 * (index < header.gradientSpread.count ? header.gradientSpread[index] : 0)
            worst = max(worst, difference / allowed)
            XCTAssertLessThanOrEqual(difference, allowed, "\(name): gradient of \(parameter.name) "
                + "(\(header.parameters[index].name)): ‖Δ‖ \(difference), ‖g‖ \(norm(reference.map(Double.init)))")
        }

        // The same network in Float64: no rounding of seplaw's own to allow for.
        let exact = try loaded(plan, fixture, as: Double.self)
        let input64 = input.map(Double.init)
        input64.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                let out = exact.forward(x.baseAddress!, batch: batch, mode: .train)
                _ = exact.loss.forward(out, labels: y.baseAddress!, batch: batch)
                exact.backward(exact.loss.backward(labels: y.baseAddress!, batch: batch), batch: batch)
            }
        }
        var worstExact = 0.0
        for (parameter, reference) in zip(exact.parameters, references) {
            let difference = norm(zip(parameter.gradient.buffer, reference).map { $0 - Double($1) })
            let allowed = 1e-6 * norm(reference.map(Double.init)) + 1e-9 * total
            worstExact = max(worstExact, difference / allowed)
            XCTAssertLessThanOrEqual(difference, allowed, "\(name): Float64 gradient of \(parameter.name)")
        }

        // 10 optimiser steps on the same batch.
        let adam = header.adam, momentum = header.momentum
        let adamKind = OptimizerKind.adam(beta1: adam.betas?.first ?? 0.9, beta2: adam.betas?.last ?? 0.999,
                                          epsilon: adam.eps ?? 1e-8)
        var stepRatio = 0.0
        for (label, steps, kind) in [("adam", adam, adamKind), ("momentum", momentum, .momentum(momentum.momentum ?? 0.9))] {
            let losses = try trajectory(plan, fixture, kind: kind, steps: steps, input: input, labels: labels)
            XCTAssertEqual(losses.count, steps.losses.count)
            for (step, (mine, (reference, spread))) in zip(losses, zip(steps.losses, steps.spread)).enumerated() {
                let allowed = 1e-4 * max(1, reference) + 10 * spread
                stepRatio = max(stepRatio, abs(mine - reference) / allowed)
                XCTAssertLessThanOrEqual(abs(mine - reference), allowed,
                                         "\(name): \(label) loss after \(step) steps: \(mine), PyTorch \(reference)")
            }
        }
        print("\(name): logits max |Δ| \(logitError), loss |Δ| \(abs(loss - header.loss)), "
              + "worst gradient error / allowance \(worst) (Float64 network \(worstExact)), "
              + "worst step-loss error / allowance \(stepRatio)")
    }

    /// The loss before each of `steps.losses.count − 1` optimiser steps on the batch, and after the last.
    private func trajectory(_ plan: NetworkPlan, _ fixture: PyTorchFixture, kind: OptimizerKind,
                            steps: PyTorchFixture.Header.Steps, input: [Float], labels: [Int32]) throws -> [Double] {
        let network = try loaded(plan, fixture)
        let optimizer = Optimizer<Float>(kind, weightDecay: steps.weightDecay, parameters: network.parameters)
        let batch = fixture.header.batch
        return input.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                var losses: [Double] = []
                for step in 0..<steps.losses.count {
                    let logits = network.forward(x.baseAddress!, batch: batch, mode: .train)
                    losses.append(network.loss.forward(logits, labels: y.baseAddress!, batch: batch))
                    if step == steps.losses.count - 1 { break }
                    network.backward(network.loss.backward(labels: y.baseAddress!, batch: batch), batch: batch)
                    optimizer.step(learningRate: steps.lr)
                }
                return losses
            }
        }
    }

    private func norm(_ values: [Double]) -> Double {
        values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
