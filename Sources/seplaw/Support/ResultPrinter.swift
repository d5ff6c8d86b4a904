import Foundation
import Separation
import Sweep

/// Human-readable rendering of a job result.
enum ResultPrinter {
    static func describe(_ result: JobResult) -> String {
        var lines: [String] = []
        if result.status != .ok {
            lines.append("status: \(result.status.rawValue): \(result.message ?? "")")
        }
        lines += describe(layers: result.layers, fit: result.fit)
        var summary: [String] = []
        if let a = result.trainAccuracy { summary.append("train accuracy \(format(a, "%.4f"))") }
        if let a = result.testAccuracy { summary.append("test accuracy \(format(a, "%.4f"))") }
        if let l = result.finalLoss { summary.append("final loss \(format(l, "%.4g"))") }
        if !summary.isEmpty { lines.append(summary.joined(separator: "  ")) }
        if let network = result.network {
            lines.append("network: \(network.parameters) parameters, \(network.points.count) measured points (definition \(network.definition))")
        }
        let s = result.seconds
        lines.append("seconds: data \(format(s.data, "%.2f"))  train \(format(s.train, "%.2f"))  measure \(format(s.measure, "%.3f"))  total \(format(s.total, "%.2f"))  (BLAS \(result.blas.threads) thread\(result.blas.threads == 1 ? "" : "s"), \(result.blas.core)\(result.blas.trainingGemm.map { "; small GEMMs: \($0)" } ?? ""))")
        return lines.joined(separator: "\n")
    }

    /// The per-layer table (l, layer, dim, D, log D, fitted log D) and the fit line.
    static func describe(layers: [LayerRecord], fit: LawFit?) -> [String] {
        var lines: [String] = []
        if !layers.isEmpty {
            let rows = layers.map { layer -> [String] in
                [String(layer.index), layer.name, String(layer.dim), format(layer.D, "%.6g"), format(log(layer.D), "%.4f"),
                 fit.map { format($0.predictedLog(at: layer.index), "%.4f") } ?? "-"]
            }
            lines.append(TextTable(header: ["l", "layer", "dim", "D", "log D", "fitted log D"], rows: rows).rendered)
        }
        if let fit {
            lines.append("fit: rho = \(format(fit.rho, "%.4f"))  slope = \(format(fit.slope, "%.4f"))  intercept = \(format(fit.intercept, "%.4f"))  pearson r = \(format(fit.pearsonR, "%.4f"))  R² = \(format(fit.r2, "%.4f"))")
        }
        return lines
    }

    static func format(_ value: Double, _ pattern: String) -> String {
        String(format: pattern, value)
    }
}
