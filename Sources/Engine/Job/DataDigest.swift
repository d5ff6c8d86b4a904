import Datasets
import Foundation
import Linalg
import Sweep

/// The content digest of the data a recipe reads: 16 hex digits of FNV-1a 64 over each source file's name and
/// its own FNV-1a 64 digest of every byte. What identifies a job's data (`dataset.digest`), so the same spec
/// pointed at other data is other jobs. Reading every byte is paid once per file version: each file's digest is
/// cached under `cacheDirectory/digests`, keyed by its path, device, inode, size and change and modification
/// times (to the nanosecond).
public enum DataDigest {
    /// Bytes read at a time.
    static let chunkBytes = 1 << 20

    /// The digest of `recipe`'s source files, or nil for "gaussian" and for data that cannot be read (missing
    /// or not a regular file: the job itself then fails naming it).
    public static func of(_ recipe: DatasetRecipe, cacheDirectory: String?) -> String? {
        guard !recipe.name.isSynthetic, let files = try? recipe.sourceFiles(), !files.isEmpty else { return nil }
        var description = ""
        for file in files {
            guard let digest = fileDigest(file, cacheDirectory: cacheDirectory) else { return nil }
            description += "\(URL(fileURLWithPath: file).lastPathComponent) \(digest)\n"
        }
        return FNV1a64.hex(FNV1a64.hash(description))
    }

    /// One file's digest, from the cache when its identity (path, device, inode, size, times) is unchanged.
    static func fileDigest(_ path: String, cacheDirectory: String?) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let identity = "\(path)\u{0}\(info.st_dev) \(info.st_ino) \(info.st_size) "
            + "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
        let entry = cacheDirectory.map { "\($0)/digests/\(FNV1a64.hex(FNV1a64.hash(identity)))" }
        if let entry, let data = FileManager.default.contents(atPath: entry) {
            let text = String(decoding: data, as: UTF8.self)
            if text.count == 16, text.allSatisfy(\.isHexDigit) { return text }
        }
        guard let digest = hashContents(path) else { return nil }
        if let entry, let cacheDirectory { store(digest, at: entry, directory: cacheDirectory + "/digests") }
        return digest
    }

    /// FNV-1a 64 over every byte of the regular file at `path`, as 16 hex digits.
    static func hashContents(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var hash = FNV1a64.offsetBasis
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkBytes, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, chunkBytes)
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            for byte in UnsafeRawBufferPointer(rebasing: buffer[0..<count]) {
                hash = (hash ^ UInt64(byte)) &* FNV1a64.prime
            }
        }
        return FNV1a64.hex(hash)
    }

    /// Writes a cache entry atomically; a cache that cannot be written is skipped (it is only a cache).
    private static func store(_ digest: String, at path: String, directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = "\(path).tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(digest.utf8)) else { return }
        if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
