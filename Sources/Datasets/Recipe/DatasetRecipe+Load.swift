import Linalg

extension DatasetRecipe {
    /// Dataset names `load()` understands.
    public static let knownNames = ["fashion-mnist", "mnist", "kmnist", "gaussian"]

    /// Largest accepted `resize`.
    public static let maximumResize = 1024

    /// The training sample and the test set this recipe describes.
    public func load() throws(DatasetError) -> (train: Dataset, test: Dataset) {
        switch name {
        case "gaussian":
            return try loadGaussian()
        case "fashion-mnist", "mnist", "kmnist":
            return try loadImages(classCount: 10)
        default:
            throw DatasetError(path: name, message: "unknown dataset name '\(name)'; expected one of "
                + DatasetRecipe.knownNames.joined(separator: ", "))
        }
    }

    /// The directory the image files are read from, or an error naming what is missing.
    public func imageDirectory() throws(DatasetError) -> String {
        guard let directory = path ?? (name == "fashion-mnist" ? DatasetRecipe.defaultFashionMNISTPath : nil) else {
            throw DatasetError(path: name, message: "dataset '\(name)' needs a path: the directory holding "
                + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz")
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

    private func loadImages(classCount: Int) throws(DatasetError) -> (train: Dataset, test: Dataset) {
        try checkCommon(classCount: classCount)
        if let resize, !(1...DatasetRecipe.maximumResize).contains(resize) {
            throw DatasetError(path: name, message: "resize \(resize) is outside 1…\(DatasetRecipe.maximumResize)")
        }
        let directory = try imageDirectory()
        let trainSet = try ImageSet.loadIDX(images: try file(directory, "train-images-idx3-ubyte"),
                                            labels: try file(directory, "train-labels-idx1-ubyte"),
                                            classCount: classCount)
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
        let train = try prepare(trainSet.subset(trainIndices))

        let testSet = try ImageSet.loadIDX(images: try file(directory, "t10k-images-idx3-ubyte"),
                                           labels: try file(directory, "t10k-labels-idx1-ubyte"),
                                           classCount: classCount)
        var testSample = testSet
        if let testPerClass {
            let indices = try withPath(directory) { () throws(DatasetError) in
                try ClassSampler.balanced(labels: testSet.labels, classCount: classCount, perClass: testPerClass, seed: seed)
            }
            testSample = testSet.subset(indices)
        }
        return (train, try prepare(testSample))
    }

    /// Resize (when asked) and normalise.
    private func prepare(_ images: ImageSet) throws(DatasetError) -> Dataset {
        let sized = resize.map { images.resized(to: $0) } ?? images
        return try withPath(name) { () throws(DatasetError) in
            try sized.normalized(mean: normalizeMean, std: normalizeStd)
        }
    }

    private func loadGaussian() throws(DatasetError) -> (train: Dataset, test: Dataset) {
        let classCount = classCounts?.count ?? classes
        guard classCount >= 1 else {
            throw DatasetError(path: name, message: "gaussian needs at least 1 class, got \(classCount)")
        }
        try checkCommon(classCount: classCount)
        guard dimension >= 1 else {
            throw DatasetError(path: name, message: "gaussian dimension \(dimension) must be at least 1")
        }
        guard separation.isFinite, separation >= 0 else {
            throw DatasetError(path: name, message: "gaussian separation \(separation) must be finite and non-negative")
        }
        let trainCounts = classCounts ?? [Int](repeating: perClass ?? 100, count: classCount)
        let testCounts = [Int](repeating: testPerClass ?? 100, count: classCount)
        for counts in [trainCounts, testCounts] {
            let total = counts.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }
            guard let size = IDXFile.elementCount([total, dimension]), size <= 1 << 31 else {
                throw DatasetError(path: name, message: "gaussian sample of \(total) points × \(dimension) dimensions is too large")
            }
        }
        let train = GaussianMixture.make(counts: trainCounts, dimension: dimension, separation: separation,
                                         seed: seed, noiseStream: "train")
        let test = GaussianMixture.make(counts: testCounts, dimension: dimension, separation: separation,
                                        seed: seed, noiseStream: "test")
        return (train, test)
    }

    /// Checks shared by all datasets: sample sizes and normalisation.
    private func checkCommon(classCount: Int) throws(DatasetError) {
        if let perClass, perClass < 0 {
            throw DatasetError(path: name, message: "perClass \(perClass) must not be negative")
        }
        if let testPerClass, testPerClass < 0 {
            throw DatasetError(path: name, message: "testPerClass \(testPerClass) must not be negative")
        }
        if let classCounts {
            guard classCounts.count == classCount else {
                throw DatasetError(path: name, message: "classCounts lists \(classCounts.count) classes, but '\(name)' has \(classCount)")
            }
            if let bad = classCounts.enumerated().first(where: { $0.element < 0 }) {
                throw DatasetError(path: name, message: "classCounts[\(bad.offset)] = \(bad.element) must not be negative")
            }
        }
        guard normalizeMean.isFinite, normalizeStd.isFinite, normalizeStd != 0 else {
            throw DatasetError(path: name, message: "normalisation (mean \(normalizeMean), std \(normalizeStd)) "
                + "needs a finite mean and a finite non-zero std")
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
