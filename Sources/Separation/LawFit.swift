import Foundation

/// OLS fit of log D_l on l = 0…L: the law of data separation `D_l ≈ ρ^l · D_0`.
public struct LawFit: Sendable, Codable, Equatable {
    /// Fitted slope of log D against the layer index (log ρ).
    public let slope: Double
    /// Fitted log D at layer 0.
    public let intercept: Double
    /// The decay ratio, exp(slope).
    public let rho: Double
    /// Pearson correlation of (l, log D_l); 0 when log D is constant (no variation to correlate).
    public let pearsonR: Double
    /// Coefficient of determination; equals pearsonR², and 1 when log D is constant (the flat line fits exactly).
    public let r2: Double

    enum CodingKeys: String, CodingKey {
        case rho, slope, intercept, pearsonR = "pearson_r", r2
    }

    /// Fits the per-layer fuzziness `fuzziness[l]`, l = 0…L; needs ≥ 2 finite values > 0.
    public init(fuzziness: [Double]) throws(SeparationError) {
        guard fuzziness.count >= 2 else { throw .tooFewLayers(fuzziness.count) }
        if let layer = fuzziness.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
            throw .nonPositiveFuzziness(layer: layer, value: fuzziness[layer])
        }
        let logs = fuzziness.map { Foundation.log($0) }
        let count = Double(logs.count)
        let layerMean = (count - 1) / 2
        let logMean = logs.reduce(0, +) / count
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for (layer, value) in logs.enumerated() {
            let dx = Double(layer) - layerMean, dy = value - logMean
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        slope = sxy / sxx
        intercept = logMean - slope * layerMean
        rho = Foundation.exp(slope)
        if syy == 0 {
            pearsonR = 0
            r2 = 1
        } else {
            let r = min(1, max(-1, sxy / (sxx * syy).squareRoot()))
            pearsonR = r
            r2 = r * r
        }
    }

    /// The fitted log D at `layer`.
    public func predictedLog(at layer: Int) -> Double {
        intercept + slope * Double(layer)
    }
}
