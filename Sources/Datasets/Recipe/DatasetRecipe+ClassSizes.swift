import Vocabulary

extension DatasetRecipe {
    /// How many images of each class the source files hold, training and test sets, read from the label files
    /// alone (IDX label files; CIFAR-10's label bytes), so that a plan can tell whether a job's sample exists
    /// without loading images; nil for "gaussian", whose points are generated. An error names the file.
    public func classSizes() throws(DatasetError) -> (train: [Int], test: [Int])? {
        let classes = name.classCount
        func count(_ labels: some Sequence<UInt8>, in path: String) throws(DatasetError) -> [Int] {
            var sizes = [Int](repeating: 0, count: classes)
            for label in labels {
                guard Int(label) < classes else {
                    throw DatasetError(path: path, message: "holds label \(label); '\(name)' has classes 0…\(classes - 1)")
                }
                sizes[Int(label)] += 1
            }
            return sizes
        }
        let files = try sourceFiles()
        switch name {
        case .gaussian:
            return nil
        case .fashionMNIST, .mnist, .kmnist:
            // train images, train labels, test images, test labels
            guard files.count == 4 else { return nil }
            let train = try IDXFile.read(path: files[1], expectedDimensions: 1)
            let test = try IDXFile.read(path: files[3], expectedDimensions: 1)
            return (try count(train.bytes, in: files[1]), try count(test.bytes, in: files[3]))
        case .cifar10:
            var train = [Int](repeating: 0, count: classes), test = train
            for path in files {
                let bytes = try FileReader.readAll(path: path)
                let labels = stride(from: 0, to: bytes.count - bytes.count % CIFAR10.recordSize, by: CIFAR10.recordSize).map { bytes[$0] }
                let sizes = try count(labels, in: path)
                if path.hasSuffix(CIFAR10.testFile) {
                    test = zip(test, sizes).map(+)
                } else {
                    train = zip(train, sizes).map(+)
                }
            }
            return (train, test)
        }
    }
}
