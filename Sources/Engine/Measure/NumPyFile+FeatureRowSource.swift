import Features
import Separation

/// A `.npy` layer file streams its rows into the separation measures (float64 files as Float64, others as Float32).
extension NumPyFile: FeatureRowSource {
    public var count: Int { rowCount }
    public var dimension: Int { rowLength }
    public var needsDouble: Bool { header.elementType == .float64 }
}
