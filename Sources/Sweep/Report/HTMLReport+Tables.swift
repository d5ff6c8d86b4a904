extension HTMLReport {
    /// A numeric table cell: the exact value (as in summary.json) in `data-value`, a rounded one shown.
    static func numberCell(_ key: String, _ value: Double?, _ shown: (Double?) -> String) -> String {
        guard let value else { return "<td data-key=\"\(key)\">–</td>" }
        return "<td data-key=\"\(key)\" data-value=\"\(SweepSummary.number(value))\">\(shown(value))</td>"
    }

    static func integerCell(_ key: String, _ value: Int?) -> String {
        guard let value else { return "<td data-key=\"\(key)\">–</td>" }
        return "<td data-key=\"\(key)\" data-value=\"\(value)\">\(value)</td>"
    }

    static func textCell(_ text: String) -> String { "<td class=\"text\">\(SVG.escape(text))</td>" }

    /// The group table and the job table.
    var tables: String {
        let keys = summary.varyingKeys
        let rho = { (v: Double?) in Self.fixed(v, 4) }
        var groupRows: [(open: String, cells: [String])] = []
        for (index, group) in summary.groups.enumerated() {
            var cells = keys.map { Self.textCell(group.params[$0].map(SweepSummary.text) ?? "-") }
            cells.append(Self.integerCell("jobs", group.jobs))
            cells.append(Self.integerCell("ok", group.ok))
            cells.append(Self.numberCell("rho_mean", group.rhoMean, rho))
            cells.append(Self.numberCell("rho_sd", group.rhoSD, rho))
            cells.append(Self.numberCell("rho_low95", group.rhoLow95, rho))
            cells.append(Self.numberCell("rho_high95", group.rhoHigh95, rho))
            cells.append(Self.numberCell("r_mean", group.rMean, rho))
            cells.append(Self.numberCell("r_worst", group.rWorst, rho))
            cells.append(Self.numberCell("test_accuracy_mean", group.testAccuracyMean) { Self.fixed($0, 3) })
            cells.append(Self.numberCell("test_rho_mean", group.testRhoMean, rho))
            cells.append(Self.numberCell("emergence_epoch_mean", group.emergenceEpochMean) { Self.fixed($0, 0) })
            groupRows.append(("<tr data-group=\"\(index)\">", cells))
        }
        let groupHeader = keys.map { "<th>\(SVG.escape($0))</th>" }
            + ["jobs", "ok", "ρ mean", "ρ sd", "ρ 95% low", "ρ 95% high", "r mean", "r worst", "test accuracy",
               "test-subsample ρ", "emergence epoch"].map { "<th>\($0)</th>" }

        var jobRows: [(open: String, cells: [String])] = []
        for row in summary.rows {
            var cells = ["<td class=\"text\"><code>\(row.id)</code></td>", Self.textCell(row.status.rawValue)]
            cells += (keys + ["seed"]).map { Self.textCell(row.params[$0].map(SweepSummary.text) ?? "-") }
            cells.append(Self.numberCell("rho", row.rho, rho))
            cells.append(Self.numberCell("pearson_r", row.pearsonR, rho))
            cells.append(Self.numberCell("r2", row.r2, rho))
            cells.append(Self.numberCell("D_0", row.d0, Self.significant))
            cells.append(Self.numberCell("D_L", row.dL, Self.significant))
            cells.append(Self.integerCell("L", row.lastLayer))
            cells.append(Self.numberCell("train_accuracy", row.trainAccuracy) { Self.fixed($0, 3) })
            cells.append(Self.numberCell("test_accuracy", row.testAccuracy) { Self.fixed($0, 3) })
            cells.append(Self.numberCell("test_rho", row.testRho, rho))
            cells.append(Self.numberCell("nc1_L", row.nc1L, Self.significant))
            cells.append(Self.numberCell("ncc_accuracy_L", row.nccAccuracyL) { Self.fixed($0, 3) })
            cells.append(Self.numberCell("minority_feature_cosine", row.minorityFeatureCosine, rho))
            cells.append(Self.numberCell("minority_classifier_cosine", row.minorityClassifierCosine, rho))
            cells.append(Self.integerCell("emergence_epoch", row.emergenceEpoch))
            cells.append(Self.numberCell("seconds", row.seconds) { Self.fixed($0, 2) })
            cells.append(Self.textCell(row.message ?? ""))
            jobRows.append(("<tr data-job=\"\(row.id)\"\(row.status == .ok ? "" : " class=\"failed\"")>", cells))
        }
        let jobHeader = ["job id", "status"].map { "<th>\($0)</th>" } + (keys + ["seed"]).map { "<th>\(SVG.escape($0))</th>" }
            + ["ρ", "r", "R²", "D<sub>0</sub>", "D<sub>L</sub>", "L", "train acc", "test acc", "test-subsample ρ", "NC1 at L",
               "NCC acc at L", "minority cos (features)", "minority cos (classifier)", "emergence epoch", "seconds",
               "message"].map { "<th>\($0)</th>" }
        let groupTable = Self.withoutEmptyColumns(header: groupHeader, rows: groupRows, keep: keys.count + 2)
        let jobTable = Self.withoutEmptyColumns(header: jobHeader, rows: jobRows, keep: keys.count + 3)
        return """
            <section id="tables">
            <h2>Summary by group</h2>
            <p class="note">Statistics over each group's ok jobs (seeds). 95% interval of the mean ρ: mean ± \
            t<sub>0.975, n−1</sub>·sd/√n. Worst r = the largest (a perfect law has r = −1). Emergence epoch: first \
            measurement from which r &lt; \(Self.fixed(summary.emergenceThreshold, 2)) for good. Same numbers as \
            <code>summary.json</code>.</p>
            <table class="groups"><thead><tr>\(groupTable.header)</tr></thead><tbody>
            \(groupTable.rows)
            </tbody></table>
            <details open><summary>All \(summary.rows.count) jobs</summary>
            <p class="note">NC1 = Tr(Σ<sub>W</sub>Σ<sub>B</sub><sup>+</sup>)/K and nearest-class-centre accuracy of \
            the last hidden layer; minority cosines: mean pairwise cosine of the minority classes' centred feature \
            means and classifier rows (imbalanced samples only; near 1 = minority collapse).</p>
            <table class="jobs"><thead><tr>\(jobTable.header)</tr></thead><tbody>
            \(jobTable.rows)
            </tbody></table>
            </details>
            </section>
            """
    }

    /// The header and the rows as HTML, without the columns empty in every row (`–` or no text); the first
    /// `keep` columns (id, status, parameters) always stay.
    static func withoutEmptyColumns(header: [String], rows: [(open: String, cells: [String])],
                                    keep: Int) -> (header: String, rows: String) {
        let isEmpty = { (cell: String) in cell.hasSuffix(">–</td>") || cell == "<td class=\"text\"></td>" }
        let shown = header.indices.filter { column in
            column < keep || rows.contains { column < $0.cells.count && !isEmpty($0.cells[column]) }
        }
        let headerHTML = shown.map { header[$0] }.joined()
        let rowsHTML = rows.map { row in
            row.open + shown.compactMap { $0 < row.cells.count ? row.cells[$0] : nil }.joined() + "</tr>"
        }.joined(separator: "\n")
        return (headerHTML, rowsHTML)
    }
}
