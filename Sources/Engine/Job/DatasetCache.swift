import Datasets
import Foundation
import Linalg
import Sweep
import Vocabulary

/// A node-local cache of prepared datasets (sampled, resized, normalised), so that the jobs of a sweep do
/// not each decompress and resize the same images again. Entries are keyed by the recipe and the size and
/// modification time of every file in its data directory; a missing, stale or damaged entry is rebuilt
/// from the source. Cached data is bitwise what `DatasetRecipe.load()` returns.
public struct DatasetCache: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache `SEPLAW_CACHE_DIR` names (empty: no cache), else `$XDG_CACHE_HOME/seplaw/datasets`
    /// or `~/.cache/seplaw/datasets`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DatasetCache? {
        if let explicit = environment["SEPLAW_CACHE_DIR"] {
            return explicit.isEmpty ? nil : DatasetCache(directory: explicit)
        }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.cache" }
        return base.map { DatasetCache(directory: $0 + "/seplaw/datasets") }
    }

    /// The recipe's data, from the cache when a valid entry exists, else loaded and stored.
    public func load(_ recipe: DatasetRecipe) throws(DatasetError) -> (train: Dataset, test: Dataset) {
        guard let key = key(for: recipe) else { return try recipe.load() }
        let path = "\(directory)/\(key).bin"
        if let data = FileManager.default.contents(atPath: path), let cached = DatasetCacheFile.decode([UInt8](data)) {
            return cached
        }
        let fresh = try recipe.load()
        store(DatasetCacheFile.encode(fresh), at: path)
        return fresh
    }

    /// 16 hex digits over the recipe and its source files; nil when the recipe cannot be described.
    func key(for recipe: DatasetRecipe) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let json = try? encoder.encode(recipe) else { return nil }
        var description = String(decoding: json, as: UTF8.self)
        if !recipe.name.isSynthetic, let source = try? recipe.imageDirectory() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []).sorted()
            for name in names {
                let attributes = try? FileManager.default.attributesOfItem(atPath: source + "/" + name)
                let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
                let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
                description += "\n\(source)/\(name) \(size) \(modified)"
            }
        }
        return FNV1a64.hex(FNV1a64.hash(description))
    }

    /// Writes an entry atomically; a cache that cannot be written is skipped silently (it is only a cache).
    private func store(_ bytes: [UInt8], at path: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(path).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
        if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
