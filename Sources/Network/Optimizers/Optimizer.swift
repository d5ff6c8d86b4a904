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
    /// The threads each update splits across (slices of a parameter's values: the same bits on any team).
    private let team: ThreadTeam

    init(_ kind: OptimizerKind, weightDecay: Double, parameters: [Parameter<Scalar>], team: ThreadTeam = .single) {
        self.kind = kind
        self.team = team
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
            let p = parameter.value.pointer, g = parameter.gradient.pointer
            switch kind {
            case .sgd:
                team.forEachSlice(of: parameter.count) { slice in
                    TrainingKernels.sgdUpdate(p + slice.lowerBound, gradient: g + slice.lowerBound, count: slice.count,
                                              rate: rate, decay: decay)
                }
            case let .momentum(mu):
                let velocity = firstMoments[index].pointer
                team.forEachSlice(of: parameter.count) { slice in
                    TrainingKernels.momentumUpdate(p + slice.lowerBound, gradient: g + slice.lowerBound,
                                                   velocity: velocity + slice.lowerBound, count: slice.count,
                                                   rate: rate, decay: decay, momentum: Scalar(mu))
                }
            case let .adam(beta1, beta2, epsilon):
                let m = firstMoments[index].pointer, v = secondMoments[index].pointer
                let correction1 = 1 - pow(beta1, Double(steps))
                let correction2 = 1 - pow(beta2, Double(steps))
                let constants = AdamConstants<Scalar>(
                    beta1: Scalar(beta1), beta2: Scalar(beta2), epsilon: Scalar(epsilon), decay: decay,
                    stepSize: Scalar(lr / correction1), root2: Scalar(correction2.squareRoot()))
                team.forEachSlice(of: parameter.count) { slice in
                    let start = slice.lowerBound
                    TrainingKernels.adamUpdate(p + start, gradient: g + start, firstMoment: m + start,
                                               secondMoment: v + start, count: slice.count, constants)
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
