/// A feature element type the fuzziness kernels read (Float32 network buffers or Float64 matrices).
///
/// The hot loops are written once per concrete type so they stay fast without generic specialisation.
protocol FeatureScalar: BinaryFloatingPoint {
    /// sums[j] += Double(row[j]) for j in 0..<count.
    static func accumulate(_ row: UnsafePointer<Self>, into sums: UnsafeMutablePointer<Double>, count: Int)
    /// out[j] = Double(row[j]) − mean[j] for j in 0..<count.
    static func centre(_ row: UnsafePointer<Self>, mean: UnsafePointer<Double>,
                       into out: UnsafeMutablePointer<Double>, count: Int)
}

extension Float: FeatureScalar {
    static func accumulate(_ row: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Double>, count: Int) {
        for j in 0..<count { sums[j] += Double(row[j]) }
    }

    static func centre(_ row: UnsafePointer<Float>, mean: UnsafePointer<Double>,
                       into out: UnsafeMutablePointer<Double>, count: Int) {
        for j in 0..<count { out[j] = Double(row[j]) - mean[j] }
    }
}

extension Double: FeatureScalar {
    static func accumulate(_ row: UnsafePointer<Double>, into sums: UnsafeMutablePointer<Double>, count: Int) {
        for j in 0..<count { sums[j] += row[j] }
    }

    static func centre(_ row: UnsafePointer<Double>, mean: UnsafePointer<Double>,
                       into out: UnsafeMutablePointer<Double>, count: Int) {
        for j in 0..<count { out[j] = row[j] - mean[j] }
    }
}
