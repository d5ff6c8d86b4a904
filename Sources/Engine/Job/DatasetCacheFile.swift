import Datasets
import Linalg
import Sweep

/// The binary form of a cached (train, test) pair: a magic line, then for each set its row count,
/// column count, class count and example shape (channels, height, width) (Int64, little-endian), its
/// labels (Int32) and its features (Float32). Version 2 added the shape; other versions are rebuilt.
enum DatasetCacheFile {
    static let magic = Array("seplaw-dataset-cache-2\n".utf8)

    static func encode(_ data: (train: Dataset, test: Dataset)) -> [UInt8] {
        var out = magic
        for set in [data.train, data.test] {
            for value in [set.count, set.dimension, set.classCount, set.shape.channels, set.shape.height, set.shape.width] {
                append(Int64(value), to: &out)
            }
            for label in set.labels { append(Int32(label), to: &out) }
            for value in set.features.storage { append(value.bitPattern, to: &out) }
        }
        return out
    }

    /// The pair, or nil for anything malformed (truncated, wrong magic, inconsistent sizes, bad labels).
    static func decode(_ bytes: [UInt8]) -> (train: Dataset, test: Dataset)? {
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { return nil }
        var reader = Reader(bytes: bytes, offset: magic.count)
        guard let train = reader.dataset(), let test = reader.dataset(), reader.offset == bytes.count else { return nil }
        return (train, test)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset: Int

        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
            let size = MemoryLayout<T>.size
            guard offset <= bytes.count - size else { return nil }
            var value: T = 0
            for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
            offset += size
            return value
        }

        mutating func dataset() -> Dataset? {
            guard let rows = integer(Int64.self), let cols = integer(Int64.self), let classes = integer(Int64.self),
                  let channels = integer(Int64.self), let height = integer(Int64.self), let width = integer(Int64.self),
                  rows >= 0, cols >= 0, classes >= 1, rows <= Int64(Int32.max), cols <= Int64(Int32.max),
                  [channels, height, width].allSatisfy({ $0 >= 0 && $0 <= Int64(Int32.max) }) else { return nil }
            let n = Int(rows), d = Int(cols)
            let (count, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, (bytes.count - offset) / 4 >= n + count else { return nil }
            var labels = [Int](repeating: 0, count: n)
            for i in 0..<n {
                guard let label = integer(Int32.self), label >= 0, Int64(label) < classes else { return nil }
                labels[i] = Int(label)
            }
            var features = [Float](repeating: 0, count: count)
            for i in 0..<count {
                guard let bits = integer(UInt32.self) else { return nil }
                features[i] = Float(bitPattern: bits)
            }
            let shape = TensorShape(channels: Int(channels), height: Int(height), width: Int(width))
            return try? Dataset(features: Matrix(rows: n, cols: d, storage: features), labels: labels, classCount: Int(classes),
                                shape: shape)
        }
    }
}
