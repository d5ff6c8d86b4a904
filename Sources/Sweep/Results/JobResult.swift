import Separation

/// Everything one job produced; one line of `results.jsonl`.
public struct JobResult: Codable, Sendable, Equatable {
    public var id: String
    public var status: JobStatus
    /// Why the job failed, for every status but `ok`.
    public var message: String?
    /// The job's relevant parameters as dotted keys.
    public var params: [String: ParamValue]
    /// The fully resolved job, enough to run it again.
    public var spec: JobSpec
    public var layers: [LayerRecord]
    public var fit: LawFit?
    public var trainAccuracy: Double?
    public var testAccuracy: Double?
    public var finalLoss: Double?
    public var epochsCompleted: Int
    public var seconds: TimingRecord
    public var blas: BLASRecord
    /// The law fit of D_l on the test subsample (`measure.test_per_class`); per-layer values in `layers`.
    public var testFit: LawFit? = nil
    /// Minority collapse at the last hidden layer, for imbalanced training samples (`class_counts`).
    public var minorityCollapse: MinorityCollapse? = nil
    /// Separate law fits over consecutive ranges of layers (the mixed ResNet: bottleneck part, basic part).
    public var segmentFits: [SegmentFit]? = nil
    /// Every layer measured during training (`measure.every`), in epoch order.
    public var dynamics: [DynamicsPoint]? = nil
    /// The network as built (definition version, parameter count, measured points); absent when it was never
    /// built (and in results written before it was recorded).
    public var network: NetworkRecord? = nil
    /// Threads the job's training steps were split across (`--threads`); absent means 1. Like the BLAS thread
    /// count it can change the last bits of a result, so it is recorded rather than part of the id.
    public var threads: Int? = nil
    /// The content digest of the data files the job read (image datasets), as the engine computed it when it
    /// loaded them; a store does not count a result as done when its job now expects other data.
    public var dataDigest: String? = nil
    /// Which build produced the result, on which host, when (absent in results written before it existed).
    public var provenance: Provenance? = nil

    enum CodingKeys: String, CodingKey {
        case id, status, message, params, spec, layers, fit, seconds, blas
        case trainAccuracy = "train_accuracy"
        case testAccuracy = "test_accuracy"
        case finalLoss = "final_loss"
        case epochsCompleted = "epochs_completed"
        case testFit = "test_fit"
        case minorityCollapse = "minority_collapse"
        case dynamics, provenance
        case segmentFits = "segment_fits"
        case network, threads
        case dataDigest = "data_digest"
    }

    /// A result with the fields every job has; the optional measures start empty.
    public init(id: String, status: JobStatus, message: String?, params: [String: ParamValue], spec: JobSpec,
                layers: [LayerRecord], fit: LawFit?, trainAccuracy: Double?, testAccuracy: Double?, finalLoss: Double?,
                epochsCompleted: Int, seconds: TimingRecord, blas: BLASRecord) {
        self.id = id
        self.status = status
        self.message = message
        self.params = params
        self.spec = spec
        self.layers = layers
        self.fit = fit
        self.trainAccuracy = trainAccuracy
        self.testAccuracy = testAccuracy
        self.finalLoss = finalLoss
        self.epochsCompleted = epochsCompleted
        self.seconds = seconds
        self.blas = blas
    }

    /// A result for a job that did not produce measurements.
    public static func failure(_ spec: JobSpec, status: JobStatus, message: String, blas: BLASRecord,
                               seconds: TimingRecord = TimingRecord()) -> JobResult {
        JobResult(id: spec.id, status: status, message: message, params: spec.params, spec: spec, layers: [], fit: nil,
                  trainAccuracy: nil, testAccuracy: nil, finalLoss: nil, epochsCompleted: 0, seconds: seconds, blas: blas)
    }
}
