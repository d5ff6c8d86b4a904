/// Grey or colour 8-bit images with integer labels, as loaded from disk.
///
/// Pixels are stored image after image, each image channel-major (channel, row, column), which is
/// the order a network sees after flattening a C×H×W tensor.
public struct ImageSet: Sendable, Equatable {
    /// Number of images.
    public let count: Int
    /// Channels per image (1 for grey).
    public let channels: Int
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// `count × channels × height × width` bytes.
    public let pixels: [UInt8]
    /// One label per image, each in `0..<classCount`.
    public let labels: [Int]
    /// Number of classes the labels are drawn from.
    public let classCount: Int

    /// Bytes per image (`channels × height × width`).
    public var imageSize: Int { channels * height * width }

    /// An image set from its parts, checked for consistent sizes and labels in `0..<classCount`.
    public init(channels: Int, height: Int, width: Int, pixels: [UInt8], labels: [Int], classCount: Int)
        throws(DatasetError)
    {
        guard channels >= 1, height >= 1, width >= 1 else {
            throw DatasetError(path: "", message: "image shape \(channels)×\(height)×\(width) has an empty side")
        }
        guard let size = IDXFile.elementCount([labels.count, channels, height, width]), size == pixels.count else {
            throw DatasetError(path: "", message: "\(labels.count) images of \(channels)×\(height)×\(width) need "
                + "\(labels.count)·\(channels)·\(height)·\(width) pixels, found \(pixels.count)")
        }
        if let bad = labels.enumerated().first(where: { $0.element < 0 || $0.element >= classCount }) {
            throw DatasetError(path: "", message: "label \(bad.element) of image \(bad.offset) is outside 0..<\(classCount)")
        }
        self.init(unchecked: labels.count, channels: channels, height: height, width: width,
                  pixels: pixels, labels: labels, classCount: classCount)
    }

    init(unchecked count: Int, channels: Int, height: Int, width: Int, pixels: [UInt8], labels: [Int], classCount: Int) {
        self.count = count
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
        self.classCount = classCount
    }

    /// Loads a grey image set from an IDX image file (magic 0x00000803: count × height × width) and an
    /// IDX label file (magic 0x00000801), each gzip-compressed or plain.
    ///
    /// Checks that both files hold the same number of items, that images are non-empty, and that every
    /// label lies below `classCount`; when `classCount` is nil it is the largest label plus one.
    public static func loadIDX(images: String, labels: String, classCount: Int? = nil) throws(DatasetError) -> ImageSet {
        let imageFile = try IDXFile.read(path: images, expectedDimensions: 3)
        let labelFile = try IDXFile.read(path: labels, expectedDimensions: 1)
        let count = imageFile.dimensions[0], height = imageFile.dimensions[1], width = imageFile.dimensions[2]
        guard labelFile.dimensions[0] == count else {
            throw DatasetError(path: labels, message: "holds \(labelFile.dimensions[0]) labels, but the image file "
                + "\(images) holds \(count) images; the two files must describe the same items")
        }
        guard height >= 1, width >= 1 else {
            throw DatasetError(path: images, message: "images are \(height)×\(width) pixels; both sides must be at least 1")
        }
        if let classCount, classCount < 1 {
            throw DatasetError(path: labels, message: "class count \(classCount) must be at least 1")
        }
        var result: [Int] = []
        result.reserveCapacity(count)
        var largest = -1
        for (index, byte) in labelFile.bytes.enumerated() {
            let label = Int(byte)
            if let classCount, label >= classCount {
                throw DatasetError(path: labels, message: "label \(label) of item \(index) is outside 0..<\(classCount)")
            }
            largest = max(largest, label)
            result.append(label)
        }
        return ImageSet(unchecked: count, channels: 1, height: height, width: width,
                        pixels: imageFile.bytes, labels: result, classCount: classCount ?? (largest + 1))
    }

    /// The images at `indices`, in that order (repeats allowed). Every index must lie in `0..<count`;
    /// an index outside is a programming error and traps.
    public func subset(_ indices: [Int]) -> ImageSet {
        let size = imageSize
        var chosen = [UInt8](repeating: 0, count: indices.count * size)
        var chosenLabels: [Int] = []
        chosenLabels.reserveCapacity(indices.count)
        chosen.withUnsafeMutableBufferPointer { out in
            pixels.withUnsafeBufferPointer { source in
                for (k, i) in indices.enumerated() {
                    precondition(i >= 0 && i < count, "ImageSet.subset: index \(i) outside 0..<\(count)")
                    for p in 0..<size { out[k * size + p] = source[i * size + p] }
                }
            }
        }
        for i in indices { chosenLabels.append(labels[i]) }
        return ImageSet(unchecked: indices.count, channels: channels, height: height, width: width,
                        pixels: chosen, labels: chosenLabels, classCount: classCount)
    }

    /// The number of images of each class.
    public var classSizes: [Int] {
        var sizes = [Int](repeating: 0, count: classCount)
        for label in labels where label >= 0 && label < classCount { sizes[label] += 1 }
        return sizes
    }
}
