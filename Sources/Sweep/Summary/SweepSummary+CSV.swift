extension SweepSummary {
    /// `summary.csv`: one row per job (RFC 4180 quoting; numbers in shortest round-trip form).
    public var csv: String {
        let metrics = ["rho", "slope", "intercept", "pearson_r", "r2", "D_0", "D_L", "L", "train_accuracy", "test_accuracy", "final_loss",
                       "epochs", "seconds", "test_rho", "test_pearson_r", "nc1_L", "ncc_accuracy_L",
                       "minority_feature_cosine", "minority_classifier_cosine", "emergence_epoch",
                       "segment_rho", "segment_pearson_r"]
        var lines = [(["id", "status"] + parameterKeys + metrics + ["message"]).map(Self.csvField).joined(separator: ",")]
        for row in rows {
            var cells = [row.id, row.status.rawValue]
            cells += parameterKeys.map { row.params[$0].map(Self.text) ?? "" }
            cells += [row.rho, row.slope, row.intercept, row.pearsonR, row.r2, row.d0, row.dL].map(Self.number)
            cells.append(row.lastLayer.map(String.init) ?? "")
            cells += [row.trainAccuracy, row.testAccuracy, row.finalLoss].map(Self.number)
            cells += [String(row.epochs), Self.number(row.seconds)]
            cells += [row.testRho, row.testPearsonR, row.nc1L, row.nccAccuracyL, row.minorityFeatureCosine,
                      row.minorityClassifierCosine].map(Self.number)
            cells.append(row.emergenceEpoch.map(String.init) ?? "")
            cells += [row.segmentRho, row.segmentPearsonR].map { $0.map { $0.map(Self.number).joined(separator: ";") } ?? "" }
            cells.append(row.message ?? "")
            lines.append(cells.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        return value.description
    }

    /// A parameter as a table cell: strings bare, lists as `[a, b]`.
    static func text(_ value: ParamValue) -> String { value.description }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
