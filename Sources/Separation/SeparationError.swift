/// Why a separation measure or law fit could not be computed; every case says what to fix.
public enum SeparationError: Error, Equatable, CustomStringConvertible {
    /// No points or no feature dimensions.
    case emptyInput(count: Int, dimension: Int)
    /// The feature buffer does not hold exactly `count × dimension` values.
    case featureCountMismatch(count: Int, dimension: Int, found: Int)
    /// There must be one label per point.
    case labelCountMismatch(expected: Int, found: Int)
    /// A label outside `0..<classCount`.
    case labelOutOfRange(index: Int, label: Int, classCount: Int)
    /// `classCount` must be at least 2.
    case invalidClassCount(Int)
    /// Fewer than two classes have any points, so there is no between-class scatter.
    case tooFewClassesPresent(Int)
    /// A feature is NaN or infinite.
    case nonFiniteFeature(row: Int, column: Int, value: Double)
    /// The pseudo-inverse cutoff must be finite and in [0, 1).
    case invalidTolerance(Double)
    /// All class means coincide, so SS_b = 0 and the fuzziness is undefined.
    case classMeansCoincide
    /// A LAPACK routine failed.
    case linearAlgebraFailed(String)
    /// A principal-component reduction must keep at least one component.
    case invalidComponentCount(Int)
    /// A law fit needs at least two layers.
    case tooFewLayers(Int)
    /// A law fit needs finite, strictly positive fuzziness values (it fits their logarithm).
    case nonPositiveFuzziness(layer: Int, value: Double)
    /// Measuring layer `index` of a list failed.
    indirect case inLayer(index: Int, underlying: SeparationError)

    public var description: String {
        switch self {
        case let .emptyInput(count, dimension):
            return "separation fuzziness needs at least one point and one feature, got \(count) points of dimension \(dimension)"
        case let .featureCountMismatch(count, dimension, found):
            return "feature buffer holds \(found) values, expected \(count) points × \(dimension) features"
        case let .labelCountMismatch(expected, found):
            return "got \(found) labels for \(expected) points; pass exactly one label per point"
        case let .labelOutOfRange(index, label, classCount):
            return "label \(label) of point \(index) is outside 0..<\(classCount)"
        case let .invalidClassCount(count):
            return "class count \(count) is invalid; separation needs at least 2 classes"
        case let .tooFewClassesPresent(count):
            return "only \(count) class(es) have points; separation fuzziness needs at least 2 classes present"
        case let .nonFiniteFeature(row, column, value):
            return "feature (point \(row), dimension \(column)) is \(value); all features must be finite"
        case let .invalidTolerance(value):
            return "relative tolerance \(value) is invalid; use a finite value in [0, 1)"
        case .classMeansCoincide:
            return "all class means coincide (between-class scatter SS_b is zero), so separation fuzziness is undefined"
        case let .linearAlgebraFailed(message):
            return "linear algebra failed: \(message)"
        case let .invalidComponentCount(count):
            return "cannot keep \(count) principal components; ask for at least 1"
        case let .tooFewLayers(count):
            return "law fit needs fuzziness at 2 or more layers, got \(count)"
        case let .nonPositiveFuzziness(layer, value):
            return "fuzziness at layer \(layer) is \(value); the law fit takes logarithms and needs finite values > 0"
        case let .inLayer(index, underlying):
            return "layer \(index): \(underlying)"
        }
    }
}
