import Features
import Foundation

import Sweep

extension MeasuredFeatures {
    /// Writes the features in `seplaw measure`'s directory format: `DIR/NN_<layer>.npy` (float32, n × p),
    /// `DIR/labels.npy` (int64), `DIR/layers.txt` in layer order, and the same under `DIR/test/` for test features.
    public func write(to directory: String) throws {
        try Self.write(train, to: directory)
        if let test { try Self.write(test, to: directory + "/test") }
    }

    private static func write(_ points: Points, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var names: [String] = []
        for layer in points.layers {
            let safe = String(layer.name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
            let name = String(format: "%02d_%@.npy", layer.index, safe)
            try NumPyWriter.write(layer.features, to: directory + "/" + name)
            names.append(name)
        }
        try NumPyWriter.write(labels: points.labels, to: directory + "/" + FeatureDirectory.labelsName)
        try (names.joined(separator: "\n") + "\n").write(toFile: directory + "/" + FeatureDirectory.manifestName,
                                                         atomically: true, encoding: .utf8)
    }
}
