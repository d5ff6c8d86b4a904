/// Applies one update to every unfrozen parameter from its gradient; weight decay is added to the gradient (L2).
final class Optimizer<Scalar: NetworkScalar> {
    let kind: OptimizerKind
    let weightDecay: Scalar
    private let parameters: [Parameter<Scalar>]
    /// Momentum buffer (SGD) or first moment (Adam), one per parameter.
    private let firstMoments: [Buffer<Scalar>]
    /// Second moment (Adam only).
    private let secondMoments: [Buffer<Scalar>]
    private var steps = 0

    init(_ kind: OptimizerKind, weightDecay: Double, parameters: [Parameter<Scalar>]) {
        self.kind = kind
        self.weightDecay = Scalar(weightDecay)
        self.parameters = parameters
        switch kind {
        case .sgd:
            firstMoments = []
            secondMoments = []
        case .momentum:
            firstMoments = parameters.map { Buffer(count: $0.count) }
            secondMoments = []
        case .adam:
            firstMoments = parameters.map { Buffer(count: $0.count) }
            secondMoments = parameters.map { Buffer(count: $0.count) }
        }
    }

    /// One step at learning rate `lr`.
    func step(learningRate lr: Double) {
        steps += 1
        let rate = Scalar(lr), decay = weightDecay
        for (index, parameter) in parameters.enumerated() where !parameter.isFrozen {
            let p = parameter.value.pointer, g = parameter.gradient.pointer, count = parameter.count
            switch kind {
            case .sgd:
                TrainingKernels.sgdUpdate(p, gradient: g, count: count, rate: rate, decay: decay)
            case let .momentum(mu):
                TrainingKernels.momentumUpdate(p, gradient: g, velocity: firstMoments[index].pointer, count: count,
                                               rate: rate, decay: decay, momentum: Scalar(mu))
            case let .adam(beta1, beta2, epsilon):
                let m = firstMoments[index].pointer, v = secondMoments[index].pointer
                let correction1 = 1 - pow(beta1, Double(steps))
                let correction2 = 1 - pow(beta2, Double(steps))
                let constants = AdamConstants<Scalar>(
                    beta1: Scalar(beta1), beta2: Scalar(beta2), epsilon: Scalar(epsilon), decay: decay,
                    stepSize: Scalar(lr / correction1), root2: Scalar(correction2.squareRoot()))
                TrainingKernels.adamUpdate(p, gradient: g, firstMoment: m, secondMoment: v, count: count, constants)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
