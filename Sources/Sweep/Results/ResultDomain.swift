import Separation

/// The values a result may hold: D ≥ 0 and finite, ρ > 0 and finite, |r| ≤ 1, accuracies in [0, 1], and a law
/// fit that follows from the recorded D values. A result line breaking one was edited or damaged; the reducer
/// flags it instead of printing its numbers as real.
public enum ResultDomain {
    /// Relative tolerance between a recorded fit and the fit of the recorded D values.
    static let fitTolerance = 1e-6

    /// What is outside its domain in `result`, one phrase per problem (`fit.rho = 1e+308 …`); empty when all is well.
    public static func problems(_ result: JobResult) -> [String] {
        var out: [String] = []
        func check(_ name: String, _ value: Double?, _ domain: String, _ valid: (Double) -> Bool) {
            if let value, !valid(value) { out.append("\(name) = \(value) is not \(domain)") }
        }
        let unit: (Double) -> Bool = { $0 >= 0 && $0 <= 1 }
        check("train_accuracy", result.trainAccuracy, "in [0, 1]", unit)
        check("test_accuracy", result.testAccuracy, "in [0, 1]", unit)
        for layer in result.layers {
            check("layers[\(layer.index)].D", layer.D, "finite and ≥ 0") { $0.isFinite && $0 >= 0 }
            check("layers[\(layer.index)].test_D", layer.testD, "finite and ≥ 0") { $0.isFinite && $0 >= 0 }
            check("layers[\(layer.index)].ncc_accuracy", layer.nccAccuracy, "in [0, 1]", unit)
        }
        checkFit("fit", result.fit, into: &out)
        checkFit("test_fit", result.testFit, into: &out)
        for (index, segment) in (result.segmentFits ?? []).enumerated() {
            checkFit("segment_fits[\(index)].fit", segment.fit, into: &out)
        }
        if out.isEmpty, let fit = result.fit, result.layers.count >= 2,
           let recomputed = try? LawFit(fuzziness: result.layers.map(\.D)),
           !close(fit.rho, recomputed.rho) || !close(fit.pearsonR, recomputed.pearsonR) {
            out.append("fit (rho \(fit.rho), r \(fit.pearsonR)) does not follow from the recorded D values "
                       + "(rho \(recomputed.rho), r \(recomputed.pearsonR))")
        }
        return out
    }

    private static func checkFit(_ name: String, _ fit: LawFit?, into out: inout [String]) {
        guard let fit else { return }
        if !(fit.rho.isFinite && fit.rho > 0) { out.append("\(name).rho = \(fit.rho) is not finite and > 0") }
        if !(fit.pearsonR.isFinite && abs(fit.pearsonR) <= 1 + 1e-12) {
            out.append("\(name).pearson_r = \(fit.pearsonR) is not in [-1, 1]")
        }
    }

    private static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= fitTolerance * max(abs(a), abs(b), 1e-300) || abs(a - b) <= 1e-12
    }

    /// `result` as the reducer shows it when `problems` is not empty: an `error` whose message lists them,
    /// without measurements.
    public static func flagged(_ result: JobResult, problems: [String]) -> JobResult {
        var flagged = JobResult.failure(result.spec, status: .error,
                                        message: "the results line holds values outside their domain: "
                                            + problems.prefix(3).joined(separator: "; ")
                                            + (problems.count > 3 ? "; and \(problems.count - 3) more" : ""),
                                        blas: result.blas, seconds: result.seconds)
        flagged.id = result.id
        flagged.params = result.params
        flagged.dataDigest = result.dataDigest
        return flagged
    }
}
