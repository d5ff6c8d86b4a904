import Foundation

/// Feature directories in `seplaw measure`'s format, written byte by byte here (NumPy's `.npy` version 1.0), so the
/// end-to-end tests need neither NumPy nor seplaw's own writer.
enum FeatureFixtures {
    /// Writes `DIR/labels.npy` (int64) and `layers` float32 layer files `NN_layer.npy` of `points` points in
    /// `classes` classes, `width` wide: class c's points scatter uniformly around c·(l + 1)·`spread` in every
    /// coordinate of layer l, so the classes separate more with depth. `seed` varies the scatter.
    static func write(_ directory: String, seed: UInt64, points: Int = 60, classes: Int = 3, layers: Int = 3,
                      width: Int = 6, spread: Float = 1) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let labels = (0..<points).map { $0 % classes }
        try write(int64: labels.map(Int64.init), to: directory + "/labels.npy")
        var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
        for layer in 0..<layers {
            var values: [Float] = []
            for point in 0..<points {
                for _ in 0..<width {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let noise = Float(state >> 40) / Float(1 << 24) * 2 - 1
                    values.append(Float(labels[point]) * Float(layer + 1) * spread + noise)
                }
            }
            try write(float32: values, shape: [points, width], to: String(format: "%@/%02d_layer.npy", directory, layer))
        }
    }

    static func write(float32 values: [Float], shape: [Int], to path: String) throws {
        var data = header(descr: "<f4", shape: shape)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        try data.write(to: URL(fileURLWithPath: path))
    }

    static func write(int64 values: [Int64], to path: String) throws {
        var data = header(descr: "<i8", shape: [values.count])
        for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// The magic, version 1.0, the header length and the header dictionary, padded with spaces to 64 bytes.
    private static func header(descr: String, shape: [Int]) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dictionary = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        while (10 + dictionary.utf8.count + 1) % 64 != 0 { dictionary += " " }
        dictionary += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(dictionary.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(dictionary.utf8))
        return data
    }
}
