extension CIFAR10 {
    /// The 50,000 training images: the five data batches of `directory`, concatenated in order.
    public static func trainingSet(directory: String) throws(DatasetError) -> ImageSet {
        let paths = try batchPaths(directory: directory, names: trainFiles)
        var batches: [ImageSet] = []
        for path in paths { batches.append(try readBatch(path: path)) }
        return concatenated(batches)
    }

    /// The 10,000 test images of `directory` (`test_batch.bin`).
    public static func testSet(directory: String) throws(DatasetError) -> ImageSet {
        try readBatch(path: try batchPaths(directory: directory, names: [testFile])[0])
    }

    /// The paths of `names` in `directory`; an error names the first that is missing and says what the
    /// directory must hold, with a hint when it holds the Python version or the extracted folder's parent.
    static func batchPaths(directory: String, names: [String]) throws(DatasetError) -> [String] {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = names.map { base + $0 }
        guard let missing = paths.first(where: { !FileReader.kind(of: $0).exists }) else { return paths }
        var message = "missing: CIFAR-10 needs the binary version's files data_batch_1.bin … data_batch_5.bin "
            + "and test_batch.bin in \(directory)"
        if FileReader.kind(of: base + "cifar-10-batches-bin").isDirectory {
            message += " (they may be in \(base)cifar-10-batches-bin)"
        } else if FileReader.kind(of: base + "data_batch_1").exists {
            message += " (this looks like the Python version, cifar-10-python.tar.gz; use cifar-10-binary.tar.gz)"
        }
        throw DatasetError(path: missing, message: message)
    }

    /// The images of `batches` one after another (all 3×32×32).
    private static func concatenated(_ batches: [ImageSet]) -> ImageSet {
        var pixels: [UInt8] = []
        var labels: [Int] = []
        pixels.reserveCapacity(batches.reduce(0) { $0 + $1.pixels.count })
        labels.reserveCapacity(batches.reduce(0) { $0 + $1.count })
        for batch in batches {
            pixels += batch.pixels
            labels += batch.labels
        }
        return ImageSet(unchecked: labels.count, channels: channels, height: side, width: side,
                        pixels: pixels, labels: labels, classCount: classCount)
    }
}
