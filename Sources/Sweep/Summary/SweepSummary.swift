/// The reduction of a sweep's results: one row per job and one group per combination of varying
/// parameters (seed excluded). Depends only on the set of results, not on their order or origin, so
/// summarising several result directories equals summarising their union.
public struct SweepSummary: Sendable, Equatable {
    public let name: String
    /// Parameters that vary between jobs (seed excluded), sorted.
    public let varyingKeys: [String]
    /// Every parameter key: the varying ones, then `seed`, then the constant ones.
    public let parameterKeys: [String]
    /// Rows ordered by the varying parameters, then seed, then id.
    public let rows: [SummaryRow]
    public let groups: [SummaryGroup]
    /// How many jobs ended with each status (statuses with none omitted).
    public let statusCounts: [String: Int]

    /// Pearson r below which the law counts as holding, for the emergence epoch.
    public let emergenceThreshold: Double

    /// Summarises `results` (one per job id; for repeated ids the last one counts); the emergence epoch of
    /// jobs with dynamics is the first from which r stays below `emergenceThreshold`.
    public init(name: String, results: [JobResult], emergenceThreshold: Double = LawEmergence.defaultThreshold) {
        self.name = name
        self.emergenceThreshold = emergenceThreshold
        var byID: [String: JobResult] = [:]
        for result in results { byID[result.id] = result }
        let unique = Array(byID.values)

        var union = Set<String>()
        for result in unique { union.formUnion(result.params.keys) }
        var varying = Set<String>()
        if let first = unique.first?.params {
            for result in unique {
                for key in union where result.params[key] != first[key] { varying.insert(key) }
            }
        }
        varying.remove("seed")
        let keys = varying.sorted()
        varyingKeys = keys
        let constant = union.subtracting(varying).subtracting(["seed"]).sorted()
        parameterKeys = keys + (union.contains("seed") ? ["seed"] : []) + constant

        let orderKeys = keys + ["seed"]
        let dynamicsIDs = Set(unique.filter { !($0.dynamics ?? []).isEmpty }.map(\.id))
        let sorted = unique.map { SummaryRow(result: $0, emergenceThreshold: emergenceThreshold) }.sorted { a, b in
            if ParamOrder.less(a.params, b.params, keys: orderKeys) { return true }
            if ParamOrder.less(b.params, a.params, keys: orderKeys) { return false }
            return a.id < b.id
        }

        rows = sorted

        var collected: [SummaryGroup] = []
        var current: [SummaryRow] = []
        let groupKey = { (row: SummaryRow) -> [ParamValue?] in keys.map { row.params[$0] } }
        for row in sorted {
            if let last = current.last, groupKey(last) != groupKey(row) {
                collected.append(Self.group(current, keys: keys, dynamicsIDs: dynamicsIDs))
                current = []
            }
            current.append(row)
        }
        if !current.isEmpty { collected.append(Self.group(current, keys: keys, dynamicsIDs: dynamicsIDs)) }
        groups = collected

        var counts: [String: Int] = [:]
        for row in sorted { counts[row.status.rawValue, default: 0] += 1 }
        statusCounts = counts
    }

    private static func group(_ rows: [SummaryRow], keys: [String], dynamicsIDs: Set<String>) -> SummaryGroup {
        var params: [String: ParamValue] = [:]
        for key in keys { params[key] = rows[0].params[key] }
        return SummaryGroup(params: params, rows: rows, dynamicsIDs: dynamicsIDs)
    }

    /// Rows whose job failed.
    public var failures: [SummaryRow] { rows.filter { $0.status != .ok } }
}
