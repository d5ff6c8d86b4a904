/// One layer's n × p features, read in blocks of consecutive rows (points) from wherever they are stored,
/// for the streaming measures (`StreamingSeparation`). Reads may throw (a file going bad mid-read).
public protocol FeatureRowSource {
    /// n, the number of points.
    var count: Int { get }
    /// p, the features per point.
    var dimension: Int { get }
    /// Whether the stored values need Float64 to be exact (else rows are read as Float32).
    var needsDouble: Bool { get }
    /// Fills `buffer` with rows `rows` (rows.count × p values, row-major) as Float32.
    func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws
    /// Fills `buffer` with rows `rows` as Float64.
    func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Double>) throws
}
