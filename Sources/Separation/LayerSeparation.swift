import Linalg

/// Per-layer fuzziness for a list of layer feature matrices (l = 0…L) and their fit.
public struct LayerSeparation: Sendable, Codable, Equatable {
    /// D_l for l = 0…L.
    public let fuzziness: [Double]
    /// The law fit of `fuzziness`.
    public let fit: LawFit

    /// Fits already measured per-layer fuzziness.
    public init(fuzziness: [Double]) throws(SeparationError) {
        self.fit = try LawFit(fuzziness: fuzziness)
        self.fuzziness = fuzziness
    }

    /// Measures D for each layer's n × p_l features (same points and labels in every layer) and fits the law.
    public static func measure(layers: [Matrix<Float>], labels: [Int],
                               classCount: Int) throws(SeparationError) -> LayerSeparation {
        var values: [Double] = []
        values.reserveCapacity(layers.count)
        for (index, features) in layers.enumerated() {
            do {
                values.append(try SeparationFuzziness.compute(features, labels: labels, classCount: classCount))
            } catch {
                throw .inLayer(index: index, underlying: error)
            }
        }
        return try LayerSeparation(fuzziness: values)
    }
}
