/// The jobs that share every varying parameter but the seed, with statistics over their `ok` results.
public struct SummaryGroup: Codable, Sendable, Equatable {
    /// The varying parameters (seed excluded) common to the group.
    public var params: [String: ParamValue]
    /// Ids of the group's jobs, in row order.
    public var ids: [String]
    /// Jobs in the group, and how many of them ended `ok`.
    public var jobs: Int
    public var ok: Int
    /// Mean and sample standard deviation of ρ over the `ok` jobs (`sd` needs two).
    public var rhoMean: Double?
    public var rhoSD: Double?
    /// Mean Pearson r and the worst one (the largest: a perfect law has r = −1).
    public var rMean: Double?
    public var rWorst: Double?
    public var testAccuracyMean: Double?
    /// The 95% interval of the mean ρ over the group's ok jobs (seeds): mean ± t₀.₉₇₅,ₙ₋₁ · sd/√n (needs two).
    public var rhoLow95: Double?
    public var rhoHigh95: Double?
    /// Mean ρ of the law fitted on the test subsample.
    public var testRhoMean: Double?
    /// Mean emergence epoch over the ok jobs whose law emerged, and how many of the jobs with dynamics did.
    public var emergenceEpochMean: Double?
    public var emerged: Int?
    /// Mean ρ and mean r of each fitted segment over the ok jobs that have segments.
    public var segmentRhoMean: [Double]?
    public var segmentRMean: [Double]?

    enum CodingKeys: String, CodingKey {
        case params, ids, jobs, ok
        case rhoMean = "rho_mean"
        case rhoSD = "rho_sd"
        case rMean = "r_mean"
        case rWorst = "r_worst"
        case testAccuracyMean = "test_accuracy_mean"
        case rhoLow95 = "rho_low95"
        case rhoHigh95 = "rho_high95"
        case testRhoMean = "test_rho_mean"
        case emergenceEpochMean = "emergence_epoch_mean"
        case emerged
        case segmentRhoMean = "segment_rho_mean"
        case segmentRMean = "segment_r_mean"
    }

    init(params: [String: ParamValue], rows: [SummaryRow], dynamicsIDs: Set<String> = []) {
        self.params = params
        ids = rows.map(\.id)
        jobs = rows.count
        let good = rows.filter { $0.status == .ok }
        ok = good.count
        let rhos = good.compactMap(\.rho), rs = good.compactMap(\.pearsonR)
        rhoMean = Statistics.mean(rhos)
        rhoSD = Statistics.sampleStandardDeviation(rhos)
        rMean = Statistics.mean(rs)
        rWorst = rs.max()
        testAccuracyMean = Statistics.mean(good.compactMap(\.testAccuracy))
        let interval = Statistics.interval95(rhos)
        rhoLow95 = interval?.low
        rhoHigh95 = interval?.high
        testRhoMean = Statistics.mean(good.compactMap(\.testRho))
        let epochs = good.compactMap(\.emergenceEpoch).map(Double.init)
        emergenceEpochMean = Statistics.mean(epochs)
        emerged = good.contains { dynamicsIDs.contains($0.id) } ? epochs.count : nil
        segmentRhoMean = Self.segmentMeans(good.compactMap(\.segmentRho))
        segmentRMean = Self.segmentMeans(good.compactMap(\.segmentPearsonR))
    }

    /// The mean of each position over lists of one length; nil when there are none (or lengths differ).
    static func segmentMeans(_ lists: [[Double]]) -> [Double]? {
        guard let count = lists.first?.count, lists.allSatisfy({ $0.count == count }) else { return nil }
        return (0..<count).compactMap { index in Statistics.mean(lists.map { $0[index] }) }
    }
}
