import Linalg
import Vocabulary

extension DatasetRecipe {
    /// Largest accepted `resize`.
    public static let maximumResize = 1024

    /// The training sample and the test set this recipe describes.
    public func load() throws(DatasetError) -> (train: Dataset, test: Dataset) {
        switch name {
        case .gaussian:
            return try loadGaussian()
        case .fashionMNIST, .mnist, .kmnist:
            return try loadImages(classCount: name.classCount) { (directory, train) throws(DatasetError) in
                let split = train ? "train" : "t10k"
                return try ImageSet.loadIDX(images: try file(directory, split + "-images-idx3-ubyte"),
                                            labels: try file(directory, split + "-labels-idx1-ubyte"),
                                            classCount: name.classCount)
            }
        case .cifar10:
            return try loadImages(classCount: CIFAR10.classCount) { (directory, train) throws(DatasetError) in
                train ? try CIFAR10.trainingSet(directory: directory) : try CIFAR10.testSet(directory: directory)
            }
        }
    }

    /// Channels of the dataset's images as stored: 3 for "cifar10", 1 for the grey datasets.
    public var sourceChannels: Int { name.sourceChannels }

    /// The source channels kept, in order: the green one for "cifar10" with `channels` "green", else all.
    public var keptChannels: [Int] { name.keptChannels(channels) }

    /// The shape of one prepared example: the kept channels at the resized (or native) side; a flat vector of
    /// `dimension` for "gaussian".
    public var exampleShape: TensorShape {
        guard let nativeSide = name.nativeSide else { return .flat(dimension) }
        let side = resize ?? nativeSide
        return TensorShape(channels: keptChannels.count, height: side, width: side)
    }

    /// The mean and standard deviation of each kept channel (`normalizeMean`/`normalizeStd`, or the
    /// dataset's default), checked: one value or one per source channel, finite, std non-zero.
    public func normalization() throws(DatasetError) -> (mean: [Double], std: [Double]) {
        let fallback = name.defaultNormalization(channels: channels)
        let meanValues = normalizeMean ?? fallback.mean, stdValues = normalizeStd ?? fallback.std
        let kept = keptChannels, source = sourceChannels
        let counts = source == 1 ? "1 value" : "1 value (every channel) or \(source) (one per channel)"
        guard let mean = meanValues.values(keeping: kept, of: source) else {
            throw DatasetError(path: name.rawValue, message: "normalizeMean \(meanValues) lists \(meanValues.values.count) values; "
                + "'\(name)' needs \(counts)")
        }
        guard let std = stdValues.values(keeping: kept, of: source) else {
            throw DatasetError(path: name.rawValue, message: "normalizeStd \(stdValues) lists \(stdValues.values.count) values; "
                + "'\(name)' needs \(counts)")
        }
        for c in 0..<kept.count {
            guard mean[c].isFinite, std[c].isFinite, std[c] != 0, Float(std[c]) != 0 else {
                throw DatasetError(path: name.rawValue, message: "normalisation (mean \(meanValues), std \(stdValues)) "
                    + "needs a finite mean and a finite non-zero std for every channel")
            }
        }
        return (mean, std)
    }

    /// The directory the image files are read from, or an error naming what is missing.
    public func imageDirectory() throws(DatasetError) -> String {
        guard let directory = path ?? (name == .fashionMNIST ? DatasetRecipe.defaultFashionMNISTPath : nil) else {
            let contents = name == .cifar10
                ? "CIFAR-10's binary version, data_batch_1.bin … data_batch_5.bin and test_batch.bin (cifar-10-batches-bin)"
                : "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz"
            throw DatasetError(path: name.rawValue, message: "dataset '\(name)' needs a path: the directory holding " + contents)
        }
        let kind = FileReader.kind(of: directory)
        guard kind.exists else {
            throw DatasetError(path: directory, message: "dataset directory for '\(name)' does not exist")
        }
        guard kind.isDirectory else {
            throw DatasetError(path: directory, message: "dataset path for '\(name)' is not a directory")
        }
        return directory
    }

    /// Samples, reduces to the kept channels, resizes and normalises the sets `read(directory, train)` loads.
    private func loadImages(classCount: Int, read: (String, Bool) throws(DatasetError) -> ImageSet)
        throws(DatasetError) -> (train: Dataset, test: Dataset)
    {
        try checkCommon(classCount: classCount)
        if let resize, !(1...DatasetRecipe.maximumResize).contains(resize) {
            throw DatasetError(path: name.rawValue, message: "resize \(resize) is outside 1…\(DatasetRecipe.maximumResize)")
        }
        let normalization = try normalization()
        let directory = try imageDirectory()
        let trainSet = try read(directory, true)
        let trainIndices: [Int]
        if let classCounts {
            trainIndices = try withPath(directory) { () throws(DatasetError) in
                try ClassSampler.counts(labels: trainSet.labels, classCount: classCount, perClass: classCounts, seed: seed)
            }
        } else {
            trainIndices = try withPath(directory) { () throws(DatasetError) in
                try ClassSampler.balanced(labels: trainSet.labels, classCount: classCount, perClass: perClass, seed: seed)
            }
        }
        let train = try prepare(trainSet.subset(trainIndices), normalization)

        let testSet = try read(directory, false)
        var testSample = testSet
        if let testPerClass {
            let indices = try withPath(directory) { () throws(DatasetError) in
                try ClassSampler.balanced(labels: testSet.labels, classCount: classCount, perClass: testPerClass, seed: seed)
            }
            testSample = testSet.subset(indices)
        }
        return (train, try prepare(testSample, normalization))
    }

    /// Keep the asked channels, resize (when asked) and normalise.
    private func prepare(_ images: ImageSet, _ normalization: (mean: [Double], std: [Double])) throws(DatasetError) -> Dataset {
        let kept = images.keepingChannels(keptChannels)
        let sized = resize.map { kept.resized(to: $0) } ?? kept
        return try withPath(name.rawValue) { () throws(DatasetError) in
            try sized.normalized(mean: normalization.mean, std: normalization.std)
        }
    }

    private func loadGaussian() throws(DatasetError) -> (train: Dataset, test: Dataset) {
        let classCount = classCounts?.count ?? classes
        guard classCount >= 1 else {
            throw DatasetError(path: name.rawValue, message: "gaussian needs at least 1 class, got \(classCount)")
        }
        try checkCommon(classCount: classCount)
        guard dimension >= 1 else {
            throw DatasetError(path: name.rawValue, message: "gaussian dimension \(dimension) must be at least 1")
        }
        guard separation.isFinite, separation >= 0 else {
            throw DatasetError(path: name.rawValue, message: "gaussian separation \(separation) must be finite and non-negative")
        }
        let trainCounts = classCounts ?? [Int](repeating: perClass ?? 100, count: classCount)
        let testCounts = [Int](repeating: testPerClass ?? 100, count: classCount)
        for counts in [trainCounts, testCounts] {
            let total = counts.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }
            guard let size = IDXFile.elementCount([total, dimension]), size <= 1 << 31 else {
                throw DatasetError(path: name.rawValue, message: "gaussian sample of \(total) points × \(dimension) dimensions is too large")
            }
        }
        let train = GaussianMixture.make(counts: trainCounts, dimension: dimension, separation: separation,
                                         seed: seed, noiseStream: "train")
        let test = GaussianMixture.make(counts: testCounts, dimension: dimension, separation: separation,
                                        seed: seed, noiseStream: "test")
        return (train, test)
    }

    /// Checks shared by all datasets: sample sizes.
    private func checkCommon(classCount: Int) throws(DatasetError) {
        if let perClass, perClass < 0 {
            throw DatasetError(path: name.rawValue, message: "perClass \(perClass) must not be negative")
        }
        if let testPerClass, testPerClass < 0 {
            throw DatasetError(path: name.rawValue, message: "testPerClass \(testPerClass) must not be negative")
        }
        if let classCounts {
            guard classCounts.count == classCount else {
                throw DatasetError(path: name.rawValue, message: "classCounts lists \(classCounts.count) classes, but '\(name)' has \(classCount)")
            }
            if let bad = classCounts.enumerated().first(where: { $0.element < 0 }) {
                throw DatasetError(path: name.rawValue, message: "classCounts[\(bad.offset)] = \(bad.element) must not be negative")
            }
        }
    }

    /// `directory/stem.gz` when it exists, else `directory/stem`, else an error naming both.
    private func file(_ directory: String, _ stem: String) throws(DatasetError) -> String {
        let base = directory.hasSuffix("/") ? directory + stem : directory + "/" + stem
        if FileReader.kind(of: base + ".gz").exists { return base + ".gz" }
        if FileReader.kind(of: base).exists { return base }
        throw DatasetError(path: base + ".gz", message: "missing: dataset '\(name)' needs \(stem).gz (or \(stem)) in \(directory)")
    }

    /// Runs `body`, giving errors without a path the path `path`.
    private func withPath<T>(_ path: String, _ body: () throws(DatasetError) -> T) throws(DatasetError) -> T {
        do {
            return try body()
        } catch {
            throw error.path.isEmpty ? DatasetError(path: path, message: error.message) : error
        }
    }
}
