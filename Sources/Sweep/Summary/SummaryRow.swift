/// One job in a summary: its parameters, law fit, accuracies, time and status.
public struct SummaryRow: Codable, Sendable, Equatable {
    public var id: String
    public var status: JobStatus
    public var message: String?
    public var params: [String: ParamValue]
    /// Decay ratio ρ, Pearson r and R² of the law fit (`nil` without a fit).
    public var rho: Double?
    public var pearsonR: Double?
    public var r2: Double?
    /// The fitted line log D_l ≈ intercept + slope · l (slope = log ρ).
    public var slope: Double?
    public var intercept: Double?
    /// Separation fuzziness of the input (l = 0) and of the last measured layer (l = L).
    public var d0: Double?
    public var dL: Double?
    /// L, the index of the last measured layer.
    public var lastLayer: Int?
    public var trainAccuracy: Double?
    public var testAccuracy: Double?
    public var finalLoss: Double?
    public var epochs: Int
    public var seconds: Double
    /// ρ and r of the law fitted on the test subsample (`measure.test_per_class`).
    public var testRho: Double?
    public var testPearsonR: Double?
    /// NC1 and nearest-class-centre accuracy at the last measured layer.
    public var nc1L: Double?
    public var nccAccuracyL: Double?
    /// Minority collapse (imbalanced samples): mean pairwise cosines of minority feature means and classifier rows.
    public var minorityFeatureCosine: Double?
    public var minorityClassifierCosine: Double?
    /// The first measured epoch from which r stayed below the emergence threshold (`measure.every` runs).
    public var emergenceEpoch: Int?
    /// ρ and r of each separately fitted segment of layers (the mixed ResNet), first to last.
    public var segmentRho: [Double]?
    public var segmentPearsonR: [Double]?

    enum CodingKeys: String, CodingKey {
        case id, status, message, params, rho, r2, epochs, seconds, slope, intercept
        case pearsonR = "pearson_r"
        case d0 = "D_0"
        case dL = "D_L"
        case lastLayer = "L"
        case trainAccuracy = "train_accuracy"
        case testAccuracy = "test_accuracy"
        case finalLoss = "final_loss"
        case testRho = "test_rho"
        case testPearsonR = "test_pearson_r"
        case nc1L = "nc1_L"
        case nccAccuracyL = "ncc_accuracy_L"
        case minorityFeatureCosine = "minority_feature_cosine"
        case minorityClassifierCosine = "minority_classifier_cosine"
        case emergenceEpoch = "emergence_epoch"
        case segmentRho = "segment_rho"
        case segmentPearsonR = "segment_pearson_r"
    }

    /// The row of `result`; `emergenceThreshold` is the r below which the law counts as holding.
    public init(result: JobResult, emergenceThreshold: Double = LawEmergence.defaultThreshold) {
        id = result.id
        status = result.status
        message = result.message
        // Recomputed from the typed spec: `params` read back from JSON may spell 4.0 as the integer 4.
        params = result.spec.params
        rho = result.fit?.rho
        pearsonR = result.fit?.pearsonR
        r2 = result.fit?.r2
        slope = result.fit?.slope
        intercept = result.fit?.intercept
        d0 = result.layers.first?.D
        dL = result.layers.count > 1 ? result.layers.last?.D : nil
        lastLayer = result.layers.count > 1 ? result.layers.last?.index : nil
        trainAccuracy = result.trainAccuracy
        testAccuracy = result.testAccuracy
        finalLoss = result.finalLoss
        epochs = result.epochsCompleted
        seconds = result.seconds.total
        testRho = result.testFit?.rho
        testPearsonR = result.testFit?.pearsonR
        nc1L = result.layers.last?.nc1
        nccAccuracyL = result.layers.last?.nccAccuracy
        minorityFeatureCosine = result.minorityCollapse?.featureCosine
        minorityClassifierCosine = result.minorityCollapse?.classifierCosine
        emergenceEpoch = result.dynamics.flatMap { LawEmergence.epoch($0, threshold: emergenceThreshold) }
        segmentRho = result.segmentFits?.map(\.fit.rho)
        segmentPearsonR = result.segmentFits?.map(\.fit.pearsonR)
    }
}
