import Vocabulary

/// The binary version of CIFAR-10 (`cifar-10-batches-bin`): five training batches
/// `data_batch_1.bin` … `data_batch_5.bin` and `test_batch.bin`.
///
/// Each batch is a sequence of 3073-byte records: one label byte (0…9), then a 32×32 colour image as
/// 1024 red, 1024 green and 1024 blue bytes, each plane row-major. That is already the channel-major
/// layout `ImageSet` stores, so a record's pixels are copied as they are.
public enum CIFAR10 {
    /// Image side in pixels.
    public static let side = 32
    /// Colour channels (red, green, blue).
    public static let channels = DatasetName.cifar10.sourceChannels
    /// Number of classes.
    public static let classCount = DatasetName.cifar10.classCount
    /// Bytes per record: the label byte and 3 × 32 × 32 pixels.
    public static let recordSize = 1 + channels * side * side
    /// Index of the green channel.
    public static let green = DatasetName.greenChannel

    /// The training batches, in the order their images are concatenated.
    public static let trainFiles = (1...5).map { "data_batch_\($0).bin" }
    /// The test batch.
    public static let testFile = "test_batch.bin"

    /// Per-channel mean of the training images scaled to [0, 1] (red, green, blue), the usual
    /// normalisation constants.
    public static let channelMeans = DatasetName.cifar10ChannelMeans
    /// Per-channel standard deviation matching `channelMeans`.
    public static let channelStds = DatasetName.cifar10ChannelStds

    /// Parses the bytes of one batch file; `path` only names the source in error messages.
    ///
    /// Rejects an empty file, a length that is not a whole number of records (naming the incomplete
    /// record) and a label above 9 (naming the record and its byte offset).
    public static func parseBatch(_ data: [UInt8], path: String) throws(DatasetError) -> ImageSet {
        guard !data.isEmpty else {
            throw DatasetError(path: path, message: "is empty; a CIFAR-10 batch holds records of \(recordSize) bytes "
                + "(1 label byte + \(recordSize - 1) pixel bytes)")
        }
        if Gzip.isGzip(data) {
            throw DatasetError(path: path, message: "is gzip-compressed; CIFAR-10 batches are read uncompressed "
                + "(extract cifar-10-binary.tar.gz and point the path at cifar-10-batches-bin)")
        }
        let count = data.count / recordSize
        let rest = data.count % recordSize
        guard rest == 0 else {
            throw DatasetError(path: path, message: "length \(data.count) bytes is not a multiple of the \(recordSize)-byte "
                + "record (1 label byte + \(recordSize - 1) pixel bytes): record \(count) (at byte offset "
                + "\(count * recordSize)) is truncated, \(rest) of \(recordSize) bytes")
        }
        let pixelsPerImage = recordSize - 1
        var labels = [Int](repeating: 0, count: count)
        var pixels = [UInt8](repeating: 0, count: count * pixelsPerImage)
        var badRecord: Int? = nil
        data.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                guard let from = source.baseAddress, let to = target.baseAddress else { return }
                for record in 0..<count {
                    let offset = record * recordSize
                    let label = Int(source[offset])
                    if label >= classCount {
                        badRecord = record
                        return
                    }
                    labels[record] = label
                    (to + record * pixelsPerImage).update(from: from + offset + 1, count: pixelsPerImage)
                }
            }
        }
        if let record = badRecord {
            let offset = record * recordSize
            throw DatasetError(path: path, message: "record \(record) (at byte offset \(offset)) has label "
                + "\(data[offset]); CIFAR-10 labels are 0…\(classCount - 1)")
        }
        return ImageSet(unchecked: count, channels: channels, height: side, width: side,
                        pixels: pixels, labels: labels, classCount: classCount)
    }

    /// Reads and parses one batch file.
    public static func readBatch(path: String) throws(DatasetError) -> ImageSet {
        try parseBatch(try FileReader.readAll(path: path), path: path)
    }
}
