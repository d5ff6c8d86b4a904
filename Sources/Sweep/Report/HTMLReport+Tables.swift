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
        var groupRows: [String] = []
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
            groupRows.append("<tr data-group=\"\(index)\">" + cells.joined() + "</tr>")
        }
        let groupHeader = keys.map { "<th>\(SVG.escape($0))</th>" }.joined()
            + "<th>jobs</th><th>ok</th><th>ρ mean</th><th>ρ sd</th><th>ρ 95% low</th><th>ρ 95% high</th>"
            + "<th>r mean</th><th>r worst</th><th>test accuracy</th><th>test-subsample ρ</th><th>emergence epoch</th>"

        var jobRows: [String] = []
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
            jobRows.append("<tr data-job=\"\(row.id)\"\(row.status == .ok ? "" : " class=\"failed\"")>" + cells.joined() + "</tr>")
        }
        let jobHeader = "<th>job id</th><th>status</th>" + (keys + ["seed"]).map { "<th>\(SVG.escape($0))</th>" }.joined()
            + "<th>ρ</th><th>r</th><th>R²</th><th>D<sub>0</sub></th><th>D<sub>L</sub></th><th>L</th><th>train acc</th>"
            + "<th>test acc</th><th>test-subsample ρ</th><th>NC1 at L</th><th>NCC acc at L</th>"
            + "<th>minority cos (features)</th><th>minority cos (classifier)</th><th>emergence epoch</th><th>seconds</th>"
            + "<th>message</th>"
        return """
            <section id="tables">
            <h2>Summary by group</h2>
            <p class="note">Statistics over each group's ok jobs (seeds). 95% interval of the mean ρ: mean ± \
            t<sub>0.975, n−1</sub>·sd/√n. Worst r = the largest (a perfect law has r = −1). Emergence epoch: first \
            measurement from which r &lt; \(Self.fixed(summary.emergenceThreshold, 2)) for good. Same numbers as \
            <code>summary.json</code>.</p>
            <table class="groups"><thead><tr>\(groupHeader)</tr></thead><tbody>
            \(groupRows.joined(separator: "\n"))
            </tbody></table>
            <details open><summary>All \(summary.rows.count) jobs</summary>
            <p class="note">NC1 = Tr(Σ<sub>W</sub>Σ<sub>B</sub><sup>+</sup>)/K and nearest-class-centre accuracy of \
            the last hidden layer; minority cosines: mean pairwise cosine of the minority classes' centred feature \
            means and classifier rows (imbalanced samples only; near 1 = minority collapse).</p>
            <table class="jobs"><thead><tr>\(jobHeader)</tr></thead><tbody>
            \(jobRows.joined(separator: "\n"))
            </tbody></table>
            </details>
            </section>
            """
    }
}
