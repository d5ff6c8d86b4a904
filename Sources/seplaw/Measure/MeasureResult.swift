import Separation
import Sweep

/// What `seplaw measure` found in one feature directory; one line of its `--out` JSONL file.
struct MeasureResult: Codable, Equatable {
    /// The feature directory, as given on the command line.
    var directory: String
    var status: JobStatus
    /// Why it could not be measured, for every status but `ok`.
    var message: String?
    /// Training points n, classes K (largest label + 1), test points (when `test/` exists).
    var points: Int
    var classes: Int
    var testPoints: Int?
    /// Layers wider than this were reduced to their top principal components before D.
    var pca: Int?
    var layers: [LayerRecord]
    var fit: LawFit?
    var testFit: LawFit?
    var seconds: Double
    var blas: BLASRecord

    enum CodingKeys: String, CodingKey {
        case directory, status, message, points, classes, pca, layers, fit, seconds, blas
        case testPoints = "test_points"
        case testFit = "test_fit"
    }

    /// A directory that could not be measured.
    static func failure(_ directory: String, message: String, blas: BLASRecord) -> MeasureResult {
        MeasureResult(directory: directory, status: .error, message: message, points: 0, classes: 0, testPoints: nil, pca: nil,
                      layers: [], fit: nil, testFit: nil, seconds: 0, blas: blas)
    }
}
