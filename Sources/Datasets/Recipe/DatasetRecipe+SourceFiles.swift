extension DatasetRecipe {
    /// The files `load()` reads, in a fixed order (empty for "gaussian"); an error when the directory or a file
    /// is missing. An IDX file is `stem.gz` when it exists, else `stem`, as `load()` chooses.
    public func sourceFiles() throws(DatasetError) -> [String] {
        let names: [String]
        switch name {
        case .gaussian:
            return []
        case .fashionMNIST, .mnist, .kmnist:
            names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
        case .cifar10:
            names = CIFAR10.trainFiles + [CIFAR10.testFile]
        }
        let directory = try imageDirectory()
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var files: [String] = []
        for stem in names {
            if name != .cifar10 && FileReader.kind(of: prefix + stem + ".gz").exists {
                files.append(prefix + stem + ".gz")
            } else if FileReader.kind(of: prefix + stem).exists {
                files.append(prefix + stem)
            } else {
                throw DatasetError(path: prefix + stem, message: "missing: dataset '\(name)' needs \(stem) in \(directory)")
            }
        }
        return files
    }
}
