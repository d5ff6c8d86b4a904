import Foundation

/// One model's exported features, as `seplaw measure` reads them:
///
///     DIR/labels.npy     integer class labels, shape (n,)
///     DIR/<layer>.npy    one per measured layer, shape (n, …) of float16/32/64 in C order (trailing dims flattened)
///     DIR/layers.txt     optional: the layer files in layer order, one name per line (blank lines and # comments skipped)
///     DIR/test/          optional: the same layout for test-set features (labels.npy and the same layer files)
///
/// Without `layers.txt`, the layers are every `.npy` file but `labels.npy`, sorted by file name (byte order:
/// name them `00_input.npy`, `01_block1.npy`, … so that the sort is the layer order).
///
/// Instead of layer files, the directory may hold one `.npz` archive (`numpy.savez`, compressed or not) whose
/// arrays are the layers (by array name; `layers.txt` lists array names) and, unless `labels.npy` exists, the
/// labels as its array `labels`; `test/` then holds its own archive.
public final class FeatureDirectory {
    /// One layer's file.
    public struct Layer {
        /// The file name without `.npy`.
        public let name: String
        public let file: NumPyFile
    }

    public let path: String
    public let labels: [Int]
    public let layers: [Layer]
    /// Test-set features (`DIR/test/`), with the same layer names.
    public let test: FeatureDirectory?

    /// The manifest's name.
    public static let manifestName = "layers.txt"
    public static let labelsName = "labels.npy"

    /// Opens and validates `path`: every file's header, labels, and that every layer has one row per label.
    public convenience init(path: String) throws(FeatureFileError) {
        try self.init(path: path, layerNames: nil)
    }

    init(path: String, layerNames required: [String]?) throws(FeatureFileError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FeatureFileError(path: path, message: "is not a directory of features (labels.npy and one .npy per layer)")
        }
        let listed = try Self.layerFileNames(in: path)
        let archive = try Self.archive(in: path, layerFiles: listed.files)
        let labelsPath: String
        let labelFile: NumPyFile
        if let archive, !FileManager.default.fileExists(atPath: path + "/" + Self.labelsName) {
            labelFile = try archive.array(named: "labels")
            labelsPath = labelFile.path
        } else {
            labelsPath = path + "/" + Self.labelsName
            guard FileManager.default.fileExists(atPath: labelsPath) else {
                throw FeatureFileError(path: path, message: "has no \(Self.labelsName) (the integer class label of every point)")
            }
            labelFile = try NumPyFile(path: labelsPath)
        }
        guard labelFile.header.shape.count == 1 else {
            throw FeatureFileError(path: labelsPath, message: "labels must be a 1-d array, found shape \(NumPyFile.shapeText(labelFile.header.shape))")
        }
        let labels = try labelFile.readIntegers()
        if let index = labels.firstIndex(where: { $0 < 0 }) {
            throw FeatureFileError(path: labelsPath, message: "label \(labels[index]) at index \(index) is negative; labels must be 0, 1, …, K−1")
        }
        guard !labels.isEmpty else { throw FeatureFileError(path: labelsPath, message: "holds no labels") }
        self.labels = labels

        var names: [String]
        if let required {
            names = required
        } else if let archive {
            names = listed.fromManifest ? listed.files.map { String($0.dropLast(4)) }
                : archive.names.filter { $0 != "labels" }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        } else {
            names = listed.files.map { String($0.dropLast(4)) }
        }
        guard !names.isEmpty else {
            throw FeatureFileError(path: path, message: "holds no layers (.npy files besides labels.npy, or one .npz archive)")
        }
        var layers: [Layer] = []
        for name in names {
            let file: NumPyFile
            if let archive {
                file = try archive.array(named: name)
            } else {
                let filePath = path + "/" + name + ".npy"
                guard FileManager.default.fileExists(atPath: filePath) else {
                    throw FeatureFileError(path: filePath, message: required == nil
                        ? "is listed in \(Self.manifestName) but does not exist"
                        : "is missing: the test set needs the same layer files as the training set")
                }
                file = try NumPyFile(path: filePath)
            }
            let filePath = file.path
            let shape = file.header.shape
            guard file.header.elementType.isFloatingPoint else {
                throw FeatureFileError(path: filePath, message: "holds '\(file.header.descr)' values; features must be float16, float32 or float64")
            }
            guard shape.count >= 2 else {
                throw FeatureFileError(path: filePath, message: "features must have shape (n, p) or (n, …), found \(NumPyFile.shapeText(shape))")
            }
            guard file.rowCount == labels.count else {
                throw FeatureFileError(path: filePath, message: "has \(file.rowCount) rows but \(labelsPath) has \(labels.count) labels; "
                    + "every layer needs one row per labelled point, in the same order")
            }
            guard file.rowLength > 0 else {
                throw FeatureFileError(path: filePath, message: "has no features per point (shape \(NumPyFile.shapeText(shape)))")
            }
            layers.append(Layer(name: name, file: file))
        }
        self.layers = layers

        let testPath = path + "/test"
        if required == nil, FileManager.default.fileExists(atPath: testPath, isDirectory: &isDirectory), isDirectory.boolValue {
            let test = try FeatureDirectory(path: testPath, layerNames: names)
            for (train, held) in zip(layers, test.layers) where train.file.rowLength != held.file.rowLength {
                throw FeatureFileError(path: held.file.path, message: "has \(held.file.rowLength) features per point, "
                    + "but \(train.file.path) has \(train.file.rowLength)")
            }
            self.test = test
        } else {
            self.test = nil
        }
    }

    /// The layer files in order (with `.npy`): from `layers.txt` when present, else every `.npy` but the labels, sorted.
    static func layerFileNames(in path: String) throws(FeatureFileError) -> (files: [String], fromManifest: Bool) {
        let manifest = path + "/" + manifestName
        if FileManager.default.fileExists(atPath: manifest) {
            guard let data = FileManager.default.contents(atPath: manifest), let text = String(data: data, encoding: .utf8) else {
                throw FeatureFileError(path: manifest, message: "cannot be read as UTF-8 text")
            }
            var names: [String] = []
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(raw).trimmed
                if line.isEmpty || line.hasPrefix("#") { continue }
                let name = line.hasSuffix(".npy") ? line : line + ".npy"
                guard !name.contains("/"), name != labelsName, !names.contains(name) else {
                    throw FeatureFileError(path: manifest, message: "line \(number + 1): '\(line)' must be a distinct layer file "
                        + "name in this directory (no '/', not labels.npy)")
                }
                names.append(name)
            }
            return (names, true)
        }
        return (try entries(of: path).filter { $0.hasSuffix(".npy") && $0 != labelsName }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }, false)
    }

    /// The directory's `.npz` archive, when it holds one and no layer `.npy` files besides those a manifest names.
    static func archive(in path: String, layerFiles: [String]) throws(FeatureFileError) -> NumPyArchive? {
        let archives = try entries(of: path).filter { $0.hasSuffix(".npz") }.sorted()
        guard !archives.isEmpty else { return nil }
        guard archives.count == 1 else {
            throw FeatureFileError(path: path, message: "holds several .npz archives (\(archives.joined(separator: ", "))); one model per directory")
        }
        let npyLayers = layerFiles.filter { FileManager.default.fileExists(atPath: path + "/" + $0) }
        guard npyLayers.isEmpty else {
            throw FeatureFileError(path: path, message: "holds both layer .npy files (\(npyLayers.prefix(3).joined(separator: ", "))) "
                + "and an archive \(archives[0]); keep one of the two")
        }
        return try NumPyArchive(path: path + "/" + archives[0])
    }

    private static func entries(of path: String) throws(FeatureFileError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw FeatureFileError(path: path, message: "cannot list: \(error.localizedDescription)")
        }
    }
}
