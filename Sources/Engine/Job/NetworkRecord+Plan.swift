import Network
import Sweep

extension NetworkRecord {
    /// What `plan` builds for `spec`.
    init(_ plan: NetworkPlan, spec: JobSpec) {
        self.init(definition: spec.model.arch.definitionVersion, parameters: plan.parameterCount,
                  points: plan.measuredPoints.map(\.name))
    }
}
