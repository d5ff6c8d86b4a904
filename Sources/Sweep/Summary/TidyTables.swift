import Foundation

/// The summary as tidy tables for pandas and R, next to `summary.csv`:
///
/// - `layers.csv`: one row per job × measured layer (id, status, the varying parameters, seed, layer index
///   and name, dimension, D, log D, the fitted log D, NC1, nearest-centre accuracy, test D);
/// - `groups.csv`: the grouped rows of `summary.md` (the varying parameters, job counts, ρ and r statistics).
///
/// Columns with no value in any row are left out; list parameters are JSON (`[0.9,0.999]`); numbers are
/// in shortest round-trip form.
public enum TidyTables {
    /// `layers.csv` for the jobs of `summary` (`results` holds them; for repeated ids the last counts).
    public static func layersCSV(_ summary: SweepSummary, results: [JobResult]) -> String {
        var byID: [String: JobResult] = [:]
        for result in results { byID[result.id] = result }
        let header = ["id", "status"] + summary.varyingKeys + ["seed", "layer", "name", "dim", "D", "log_D", "fitted_log_D",
                                                                "nc1", "ncc_accuracy", "test_D"]
        var rows: [[String]] = []
        for row in summary.rows {
            guard let result = byID[row.id] else { continue }
            let params = summary.varyingKeys.map { row.params[$0].map(cell) ?? "" }
            let seed = row.params["seed"].map(cell) ?? ""
            for layer in result.layers {
                let fitted = result.fit.map { $0.predictedLog(at: layer.index) }
                rows.append([row.id, row.status.rawValue] + params + [seed, String(layer.index), layer.name, String(layer.dim)]
                            + [layer.D, log(layer.D), fitted, layer.nc1, layer.nccAccuracy, layer.testD].map(SweepSummary.number))
            }
        }
        return table(header: header, rows: rows, keep: Set(["id", "status", "layer"]))
    }

    /// `groups.csv`: one row per group of `summary`, with how many of its jobs diverged.
    public static func groupsCSV(_ summary: SweepSummary) -> String {
        let header = summary.varyingKeys + ["jobs", "ok", "diverged", "rho_mean", "rho_sd", "rho_low95", "rho_high95", "r_mean",
                                            "r_worst", "test_accuracy_mean", "test_rho_mean", "emergence_epoch_mean", "emerged",
                                            "segment_rho_mean", "segment_r_mean"]
        let rows = summary.groups.map { group -> [String] in
            let diverged = summary.divergedCount(in: group)
            return summary.varyingKeys.map { group.params[$0].map(cell) ?? "" }
                + [String(group.jobs), String(group.ok), String(diverged)]
                + [group.rhoMean, group.rhoSD, group.rhoLow95, group.rhoHigh95, group.rMean, group.rWorst,
                   group.testAccuracyMean, group.testRhoMean, group.emergenceEpochMean].map(SweepSummary.number)
                + [group.emerged.map(String.init) ?? "", list(group.segmentRhoMean), list(group.segmentRMean)]
        }
        return table(header: header, rows: rows, keep: Set(["jobs", "ok", "diverged"] + summary.varyingKeys))
    }

    /// Writes `layers.csv` and `groups.csv` into `directory`; returns their paths.
    @discardableResult
    public static func write(_ summary: SweepSummary, results: [JobResult], to directory: String) throws(StoreError) -> [String] {
        try FileIO.makeDirectory(directory)
        let layers = directory + "/layers.csv", groups = directory + "/groups.csv"
        try FileIO.writeAtomically(.init(layersCSV(summary, results: results).utf8), to: layers)
        try FileIO.writeAtomically(.init(groupsCSV(summary).utf8), to: groups)
        return [layers, groups]
    }

    /// A parameter as a cell: strings bare, lists and everything else as JSON.
    static func cell(_ value: ParamValue) -> String {
        if case .string(let text) = value { return text }
        return value.json
    }

    private static func list(_ values: [Double]?) -> String {
        values.map { "[" + $0.map(SweepSummary.number).joined(separator: ",") + "]" } ?? ""
    }

    /// The CSV text, without the columns that are empty in every row (except those in `keep`).
    private static func table(header: [String], rows: [[String]], keep: Set<String>) -> String {
        let shown = header.indices.filter { column in
            keep.contains(header[column]) || rows.contains { !$0[column].isEmpty }
        }
        let lines = [header] + rows
        return lines.map { line in shown.map { SweepSummary.csvField(line[$0]) }.joined(separator: ",") }
            .joined(separator: "\n") + "\n"
    }
}
