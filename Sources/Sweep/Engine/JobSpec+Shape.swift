import Linalg
import Network

extension JobSpec {
    /// The shape of one input example, known without reading the data (see `DatasetConfig.exampleShape`).
    public var inputShape: TensorShape { dataset.exampleShape }

    /// The number of classes of the job's data.
    public var classCount: Int {
        dataset.isSynthetic ? (dataset.classCounts?.count ?? 10) : 10
    }

    /// The network this job trains, built from the shape of its data as the spec describes it.
    public func networkPlan() throws(NetworkPlanError) -> NetworkPlan {
        try networkPlan(input: inputShape, classCount: classCount)
    }
}
