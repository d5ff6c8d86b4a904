import Foundation
import Linalg

/// How one key of `sample:` is drawn for each trial: `uniform: [a, b]`, `loguniform: [a, b]` (a > 0),
/// `randint: [a, b]` (integers, both ends included) or `choice: [v1, v2, …]`.
enum SampleDistribution: Sendable {
    case uniform(Double, Double)
    case logUniform(Double, Double)
    case randint(Int, Int)
    case choice([SpecNode])

    static let names = ["uniform", "loguniform", "randint", "choice"]

    /// The value of `key` in trial `trial` under `seed`: depends on these three only, so adding a key or a
    /// trial leaves the other draws (and their job ids) as they were. Floats keep 6 significant digits.
    func draw(seed: UInt64, trial: Int, key: String) -> SpecNode {
        var generator = SeededGenerator(seed: seed, stream: "sample \(trial) \(key)")
        switch self {
        case .uniform(let low, let high):
            return Self.rounded(low + (high - low) * generator.nextUnit())
        case .logUniform(let low, let high):
            return Self.rounded(exp(log(low) + (log(high) - log(low)) * generator.nextUnit()))
        case .randint(let low, let high):
            // The range was checked to fit an Int when read.
            let value = low + generator.index(below: high - low + 1)
            return SpecNode(.int(value), text: String(value))
        case .choice(let values):
            return values[generator.index(below: values.count)]
        }
    }

    private static func rounded(_ value: Double) -> SpecNode {
        let text = String(format: "%.6g", value)
        return SpecNode(.float(Double(text) ?? value), text: text)
    }
}
