import XCTest
import Linalg
@testable import Network

/// Optimiser updates against PyTorch's formulas written out by hand for a single scalar parameter.
final class OptimizerTests: XCTestCase {
    func run(_ kind: OptimizerKind, gradients: [Double], start: Double, lr: Double, decay: Double) -> Double {
        let parameter = Parameter<Double>(name: "p", count: 1)
        parameter.value.pointer[0] = start
        let optimizer = Optimizer<Double>(kind, weightDecay: decay, parameters: [parameter])
        for g in gradients {
            parameter.gradient.pointer[0] = g
            optimizer.step(learningRate: lr)
        }
        return parameter.value.pointer[0]
    }

    func testSGDWithWeightDecay() {
        var p = 1.0
        for g in [0.5, -0.25] { p -= 0.1 * (g + 0.01 * p) }
        XCTAssertEqual(run(.sgd, gradients: [0.5, -0.25], start: 1, lr: 0.1, decay: 0.01), p, accuracy: 1e-15)
    }

    func testMomentum() {
        var p = 1.0, buffer = 0.0
        for g in [0.5, -0.25, 0.125] {
            buffer = 0.9 * buffer + (g + 0.01 * p)
            p -= 0.1 * buffer
        }
        XCTAssertEqual(run(.momentum(0.9), gradients: [0.5, -0.25, 0.125], start: 1, lr: 0.1, decay: 0.01), p, accuracy: 1e-15)
    }

    func testAdam() {
        var p = 1.0, m = 0.0, v = 0.0
        for (t, g0) in [0.5, -0.25, 0.125].enumerated() {
            let g = g0 + 0.01 * p
            m = 0.9 * m + 0.1 * g
            v = 0.999 * v + 0.001 * g * g
            let mHat = m / (1 - pow(0.9, Double(t + 1))), vHat = v / (1 - pow(0.999, Double(t + 1)))
            p -= 0.01 * mHat / (vHat.squareRoot() + 1e-8)
        }
        let got = run(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), gradients: [0.5, -0.25, 0.125], start: 1, lr: 0.01, decay: 0.01)
        XCTAssertEqual(got, p, accuracy: 1e-12)
    }

    func testFrozenParameterIsNotUpdated() {
        let parameter = Parameter<Double>(name: "p", count: 1)
        parameter.value.pointer[0] = 2
        parameter.gradient.pointer[0] = 1
        parameter.isFrozen = true
        Optimizer<Double>(.sgd, weightDecay: 0, parameters: [parameter]).step(learningRate: 1)
        XCTAssertEqual(parameter.value.pointer[0], 2)
    }

    func testStepScheduleFollowsMultiStepLR() {
        let schedule = StepSchedule.paperDefault(baseRate: 0.3, epochs: 600)
        XCTAssertEqual(schedule.milestones, [200, 400])
        XCTAssertEqual(schedule.rate(atEpoch: 0), 0.3)
        XCTAssertEqual(schedule.rate(atEpoch: 199), 0.3)
        XCTAssertEqual(schedule.rate(atEpoch: 200), 0.03, accuracy: 1e-15)
        XCTAssertEqual(schedule.rate(atEpoch: 400), 0.003, accuracy: 1e-15)
    }
}

/// The eight-lane Float32 Adam kernel against the plain Float64 loop, vector body and tail alike.
final class AdamKernelTests: XCTestCase {
    func testFloatLanesMatchDoubleLoop() {
        let count = 19
        var generator = SeededGenerator(seed: 5)
        let start = (0..<count).map { _ in generator.normal() }
        let gradients = (0..<3).map { _ in (0..<count).map { _ in generator.normal() } }
        func run<S: NetworkScalar>(_: S.Type) -> [Double] {
            let parameter = Parameter<S>(name: "p", count: count)
            for i in 0..<count { parameter.value.pointer[i] = S(start[i]) }
            let optimizer = Optimizer<S>(.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8), weightDecay: 5e-4, parameters: [parameter])
            for g in gradients {
                for i in 0..<count { parameter.gradient.pointer[i] = S(g[i]) }
                optimizer.step(learningRate: 0.01)
            }
            return (0..<count).map { Double(parameter.value.pointer[$0]) }
        }
        let single = run(Float.self), double = run(Double.self)
        for (a, b) in zip(single, double) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b))) }
        XCTAssertNotEqual(single, start, "the parameters moved")
    }
}

/// The Float32 Adam kernel (C, AVX2 or baseline) against the generic loop in Float32: the same bits.
final class AdamKernelBitTests: XCTestCase {
    func testFloatKernelMatchesGenericLoopBitForBit() {
        for count in [1, 7, 8, 9, 31, 100, 10_000] {
            var generator = SeededGenerator(seed: UInt64(count))
            let g = (0..<count).map { _ in Float(generator.normal()) }
            var p = (0..<count).map { _ in Float(generator.normal()) }, m = g.map { $0 * 0.1 }, v = g.map { $0 * $0 * 0.01 }
            var pRef = p, mRef = m, vRef = v
            let start = p
            let c = AdamConstants<Float>(beta1: 0.9, beta2: 0.999, epsilon: 1e-8, decay: 5e-4, stepSize: 0.003 / 0.19,
                                                root2: Float((1 - pow(0.999, 2.0)).squareRoot()))
            TrainingKernels.adamUpdate(&p, gradient: g, firstMoment: &m, secondMoment: &v, count: count, c)
            ReferenceKernels.adamUpdate(&pRef, gradient: g, firstMoment: &mRef, secondMoment: &vRef, count: count, c)
            XCTAssertEqual(p.map(\.bitPattern), pRef.map(\.bitPattern), "p, \(count)")
            XCTAssertEqual(m.map(\.bitPattern), mRef.map(\.bitPattern), "m, \(count)")
            XCTAssertEqual(v.map(\.bitPattern), vRef.map(\.bitPattern), "v, \(count)")
            XCTAssertNotEqual(p, start, "the parameters moved")
        }
    }
}
