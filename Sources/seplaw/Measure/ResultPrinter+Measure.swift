import Engine
import Foundation

extension ResultPrinter {
    /// The same per-layer table and fit as `seplaw run`, then NC1, nearest-centre accuracy and test D per layer.
    static func describe(_ result: MeasureResult) -> String {
        var lines: [String] = []
        if result.status != .ok {
            lines.append("status: \(result.status.rawValue): \(result.message ?? "")")
            return lines.joined(separator: "\n")
        }
        lines.append("\(result.points) points, \(result.classes) classes"
            + (result.testPoints.map { ", \($0) test points" } ?? "") + (result.pca.map { ", PCA to \($0) dimensions" } ?? ""))
        lines += describe(layers: result.layers, fit: result.fit)
        let rows = result.layers.map { layer -> [String] in
            [String(layer.index), layer.name, layer.nc1.map { format($0, "%.6g") } ?? "-",
             layer.nccAccuracy.map { format($0, "%.4f") } ?? "-", layer.testD.map { format($0, "%.6g") } ?? "-"]
        }
        lines.append(TextTable(header: ["l", "layer", "NC1", "NCC accuracy", "test D"], rows: rows).rendered)
        if let fit = result.testFit {
            lines.append("test fit: rho = \(format(fit.rho, "%.4f"))  pearson r = \(format(fit.pearsonR, "%.4f"))")
        }
        lines.append("seconds: \(format(result.seconds, "%.3f"))  (BLAS \(result.blas.threads) thread\(result.blas.threads == 1 ? "" : "s"), \(result.blas.core))")
        return lines.joined(separator: "\n")
    }
}
