import Linalg

/// Features ready for a network: an `n × d` Float32 matrix (one example per row) with labels in
/// `0..<classCount`, and the shape of one example (`shape.count == d`).
public struct Dataset: Sendable, Equatable {
    /// One example per row, each a flattened `shape` (channel-major for images).
    public let features: Matrix<Float>
    /// The shape of one example: `channels × height × width` for images, `.flat(d)` for vectors.
    public let shape: TensorShape
    /// One label per row, each in `0..<classCount`.
    public let labels: [Int]
    /// Number of classes.
    public let classCount: Int

    /// Number of examples (rows).
    public var count: Int { features.rows }
    /// Feature dimension (columns).
    public var dimension: Int { features.cols }

    /// A dataset from its parts, checked: one label per row, each in `0..<classCount`, and a `shape`
    /// (default `.flat(features.cols)`) with non-negative sides whose element count is `features.cols`.
    public init(features: Matrix<Float>, labels: [Int], classCount: Int, shape: TensorShape? = nil) throws(DatasetError) {
        let shape = shape ?? .flat(features.cols)
        guard let size = IDXFile.elementCount([shape.channels, shape.height, shape.width]), size == features.cols else {
            throw DatasetError(path: "", message: "example shape \(shape.channels)×\(shape.height)×\(shape.width) does not "
                + "describe the \(features.cols) features of a row")
        }
        guard labels.count == features.rows else {
            throw DatasetError(path: "", message: "\(features.rows) feature rows but \(labels.count) labels")
        }
        guard classCount >= 1 || labels.isEmpty else {
            throw DatasetError(path: "", message: "class count \(classCount) must be at least 1")
        }
        if let bad = labels.enumerated().first(where: { $0.element < 0 || $0.element >= classCount }) {
            throw DatasetError(path: "", message: "label \(bad.element) of example \(bad.offset) is outside 0..<\(classCount)")
        }
        self.init(unchecked: features, labels: labels, classCount: classCount, shape: shape)
    }

    init(unchecked features: Matrix<Float>, labels: [Int], classCount: Int, shape: TensorShape) {
        self.features = features
        self.shape = shape
        self.labels = labels
        self.classCount = classCount
    }

    /// The examples at `indices`, in that order (repeats allowed), with the same shape. Every index must lie in
    /// `0..<count`; an index outside is a programming error and traps.
    public func subset(_ indices: [Int]) -> Dataset {
        let d = dimension
        var storage = [Float](repeating: 0, count: indices.count * d)
        var chosenLabels: [Int] = []
        chosenLabels.reserveCapacity(indices.count)
        storage.withUnsafeMutableBufferPointer { out in
            features.storage.withUnsafeBufferPointer { source in
                for (k, i) in indices.enumerated() {
                    precondition(i >= 0 && i < count, "Dataset.subset: index \(i) outside 0..<\(count)")
                    for j in 0..<d { out[k * d + j] = source[i * d + j] }
                }
            }
        }
        for i in indices { chosenLabels.append(labels[i]) }
        return Dataset(unchecked: Matrix(rows: indices.count, cols: d, storage: storage),
                       labels: chosenLabels, classCount: classCount, shape: shape)
    }

    /// The number of examples of each class.
    public var classSizes: [Int] {
        var sizes = [Int](repeating: 0, count: max(classCount, 0))
        for label in labels where label >= 0 && label < classCount { sizes[label] += 1 }
        return sizes
    }
}
