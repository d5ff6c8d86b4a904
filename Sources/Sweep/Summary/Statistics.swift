/// The few statistics the reducer needs, summed in a fixed order so that results are reproducible.
enum Statistics {
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation (n − 1); `nil` for fewer than two values.
    static func sampleStandardDeviation(_ values: [Double]) -> Double? {
        guard values.count > 1, let mean = mean(values) else { return nil }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }
}

extension Statistics {
    /// The 95% confidence interval of the mean, mean ± t_{0.975, n−1} · sd / √n; nil for fewer than two values.
    static func interval95(_ values: [Double]) -> (low: Double, high: Double)? {
        guard let mean = mean(values), let sd = sampleStandardDeviation(values) else { return nil }
        let half = StudentT.quantile975(degreesOfFreedom: values.count - 1) * sd / Double(values.count).squareRoot()
        return (mean - half, mean + half)
    }
}
