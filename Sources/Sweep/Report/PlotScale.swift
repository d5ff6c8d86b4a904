import Foundation

/// Maps data values onto pixels along one axis, linearly or logarithmically, and picks tick marks.
struct PlotScale {
    /// Data range shown (both > 0 on a log scale).
    let lower: Double
    let upper: Double
    /// Pixel positions of `lower` and `upper` (a y axis runs from bottom to top).
    let start: Double
    let end: Double
    let isLog: Bool

    /// A scale covering `values` with a 5% margin (a log scale when `log` and every value is > 0).
    init(covering values: [Double], start: Double, end: Double, log: Bool = false, includeZero: Bool = false) {
        let finite = values.filter { $0.isFinite && (!log || $0 > 0) }
        let useLog = log && !finite.isEmpty
        var low = finite.min() ?? 0, high = finite.max() ?? 1
        if includeZero && !useLog { low = min(low, 0); high = max(high, 0) }
        if useLog {
            var a = Foundation.log10(low), b = Foundation.log10(high)
            if b - a < 1e-9 { a -= 0.5; b += 0.5 }
            let pad = (b - a) * 0.06
            low = pow(10, a - pad)
            high = pow(10, b + pad)
        } else {
            if high - low < 1e-12 * max(1, abs(high)) {
                let spread = max(abs(high) * 0.1, 0.5)
                low -= spread
                high += spread
            }
            let pad = (high - low) * 0.06
            low -= pad
            high += pad
        }
        self.lower = low
        self.upper = high
        self.start = start
        self.end = end
        self.isLog = useLog
    }

    /// The pixel of `value`.
    func callAsFunction(_ value: Double) -> Double {
        let t: Double
        if isLog {
            t = (Foundation.log10(max(value, .leastNormalMagnitude)) - Foundation.log10(lower))
                / (Foundation.log10(upper) - Foundation.log10(lower))
        } else {
            t = (value - lower) / (upper - lower)
        }
        return start + t * (end - start)
    }

    /// About `count` tick values inside the range: 1-2-5 steps, or 1-2-5 per decade on a log scale.
    func ticks(count: Int = 5) -> [Double] {
        if isLog {
            let a = Int(Foundation.floor(Foundation.log10(lower))), b = Int(Foundation.ceil(Foundation.log10(upper)))
            let decades = max(b - a, 1)
            let multipliers: [Double] = decades <= 1 ? [1, 2, 3, 5, 7] : decades <= 3 ? [1, 2, 5] : [1]
            let step = decades > 8 ? 2 : 1
            var result: [Double] = []
            for exponent in stride(from: a, through: b, by: step) {
                for m in multipliers {
                    let value = m * pow(10, Double(exponent))
                    if value >= lower && value <= upper { result.append(value) }
                }
            }
            return result
        }
        let raw = (upper - lower) / Double(max(count, 1))
        let magnitude = pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var value = Foundation.ceil(lower / step) * step
        var result: [Double] = []
        while value <= upper + step * 1e-9 {
            result.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return result
    }

    /// A short tick label: up to three significant digits, exponent form for very small or large values.
    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e5 || magnitude < 1e-3 {
            return String(format: "%.0e", value).replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
        }
        var text = String(format: "%.3g", value)
        if text.contains("e") { text = String(format: "%g", value) }
        return text
    }
}
