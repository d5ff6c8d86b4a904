import Datasets
import Linalg
import Network
import Sweep

/// A job as the engine will run it, built once from its spec: the dataset recipe, the checked network plan
/// and the training configuration, with the work they add up to. Building it is what validates that the
/// network fits the data (shapes are known from the spec without reading any file).
public struct JobPlan: Sendable {
    public let spec: JobSpec
    /// The job's content-hash id (computed once).
    public let id: String
    public let recipe: DatasetRecipe
    public let network: NetworkPlan
    public let training: TrainingConfig
    /// Classes of the job's data.
    public let classCount: Int
    /// The job's estimated peak memory (see `JobPlan+Memory`), computed once.
    public private(set) var peakMemory = MemoryEstimate(parts: [])
    /// The network's floating-point operations per training example and epoch, and its forward multiply-adds per
    /// example (walks of its layers, computed once per network).
    private var networkFlops: (training: Double, forward: Double) = (0, 0)

    /// Plans `spec`; an error names the layer that cannot take its input.
    public init(_ spec: JobSpec) throws(NetworkPlanError) {
        self.spec = spec
        self.id = spec.id
        self.recipe = spec.datasetRecipe
        self.classCount = spec.classCount
        self.network = try spec.networkPlan(input: recipe.exampleShape, classCount: classCount)
        self.training = spec.trainingConfig
        networkFlops = (network.trainingFlopsPerPoint, network.forwardMultiplyAdds)
        peakMemory = estimatePeakMemory()
    }

    /// Plans `spec`, whose id is `id`, with the network and peak memory of `other`: what they depend on is the
    /// same (`JobPlan.resourceKey(of: spec) == JobPlan.resourceKey(of: other.spec)`), so planning a grid builds one
    /// network per shape, not one per seed and learning rate.
    public init(_ spec: JobSpec, id: String, sharingResourcesOf other: JobPlan) {
        assert(Self.resourceKey(of: spec) == Self.resourceKey(of: other.spec), "jobs sized differently share a plan")
        self.spec = spec
        self.id = id
        self.recipe = spec.datasetRecipe
        self.classCount = other.classCount
        self.network = other.network
        self.training = spec.trainingConfig
        networkFlops = other.networkFlops
        peakMemory = other.peakMemory
    }

    /// Training examples the job draws: the class counts, per-class × classes, or the whole training set
    /// (saturating at `Int.max` for absurd counts, which the memory check then refuses).
    public var trainingCount: Int {
        if let counts = spec.dataset.classCounts {
            return counts.reduce(0) { total, count in
                let (sum, overflow) = total.addingReportingOverflow(count)
                return overflow ? Int.max : sum
            }
        }
        if let perClass = spec.dataset.perClass {
            let (product, overflow) = perClass.multipliedReportingOverflow(by: classCount)
            return overflow ? Int.max : product
        }
        return spec.dataset.name.trainingImages
    }

    /// Test examples the accuracy pass reads.
    public var testCount: Int {
        guard let perClass = spec.dataset.testPerClass else { return spec.dataset.name.testImages }
        let (product, overflow) = perClass.multipliedReportingOverflow(by: classCount)
        return overflow ? Int.max : product
    }

    /// Seconds one core spends preparing the job's data without the dataset cache: reading, decompressing,
    /// sampling, resizing and normalising every source pixel (about 7 ns each: 0.37 s measured for Fashion-MNIST's
    /// 70,000 images of 28×28), or generating the mixture's points.
    public var estimatedDataSeconds: Double {
        let dataset = spec.dataset
        guard let side = dataset.name.nativeSide else {
            return Double(trainingCount + testCount) * Double(dataset.dimension) * 1e-8
        }
        let pixels = Double(dataset.name.sourceChannels * side * side)
        return Double(dataset.name.trainingImages + dataset.name.testImages) * pixels * 7e-9
    }

    /// Seconds of one core the whole job takes when its matrix products run at `gflops` GFLOP/s: the products of
    /// training, evaluation and measurement, plus preparing its data.
    public func estimatedSeconds(gflops: Double) -> Double {
        estimatedFlops / (max(gflops, 1e-9) * 1e9) + estimatedDataSeconds
    }

    /// Seconds after which a sweep gives up on the job when no `--job-timeout` is set: an hour, or the time its work
    /// takes at 0.1 GFLOP/s (100 to 1000 times slower than seplaw trains), whichever is longer — so that a job
    /// stuck on something (a hung file system, a deadlock) never holds a sweep forever.
    public var defaultTimeLimit: Double {
        max(3600, (estimatedFlops / 1e8).rounded(.up))
    }

    /// Floating-point operations of the matrix products of training (all epochs and phases) and of the accuracy
    /// and measurement passes: the job's relative cost for longest-first scheduling and the ETA.
    public var estimatedFlops: Double {
        let epochs = Double(spec.train.epochs * spec.train.phases.count)
        let forward = 2 * networkFlops.forward
        return networkFlops.training * Double(trainingCount) * epochs
            + forward * (2 * Double(trainingCount) + Double(testCount))
    }
}
