import Separation
import Sweep

/// What `seplaw measure` found in one feature directory; one line of its `--out` JSONL file.
public struct MeasureResult: Codable, Equatable {
    /// The feature directory, as given on the command line.
    public var directory: String
    public var status: JobStatus
    /// Why it could not be measured, for every status but `ok`.
    public var message: String?
    /// Training points n, classes K (largest label + 1), test points (when `test/` exists).
    public var points: Int
    public var classes: Int
    public var testPoints: Int?
    /// Layers wider than this were reduced to their top principal components before D.
    public var pca: Int?
    public var layers: [LayerRecord]
    public var fit: LawFit?
    public var testFit: LawFit?
    public var seconds: Double
    public var blas: BLASRecord

    enum CodingKeys: String, CodingKey {
        case directory, status, message, points, classes, pca, layers, fit, seconds, blas
        case testPoints = "test_points"
        case testFit = "test_fit"
    }

    /// A directory that could not be measured.
    public static func failure(_ directory: String, message: String, blas: BLASRecord) -> MeasureResult {
        MeasureResult(directory: directory, status: .error, message: message, points: 0, classes: 0, testPoints: nil, pca: nil,
                      layers: [], fit: nil, testFit: nil, seconds: 0, blas: blas)
    }
}
