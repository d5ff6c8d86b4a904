import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Low-level file operations of the store: atomic replacement, durable appends, directory sync.
enum FileIO {
    /// The text of the last failed system call.
    static var errnoText: String { String(cString: strerror(errno)) }

    /// Creates `path` and its parents if needed.
    static func makeDirectory(_ path: String) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw StoreError(path: path, message: "cannot create the directory: \(error.localizedDescription)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError(path: path, message: "exists and is not a directory")
        }
    }

    /// Reads a whole file; `nil` when it does not exist.
    static func read(_ path: String) throws(StoreError) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(path: path, message: "cannot read the file")
        }
        return data
    }

    /// Writes `data` to a temporary file next to `path`, syncs it, renames it over `path` and syncs the
    /// directory: a reader sees the old file or the new one, never a mix. `durable: false` skips the syncs.
    static func writeAtomically(_ data: Data, to path: String, durable: Bool = true) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError(path: path, message: "cannot write: \(errnoText)") }
        var failure: String?
        if !writeAll(fd, data) { failure = errnoText } else if durable && fsync(fd) != 0 { failure = errnoText }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errnoText }
        if let failure {
            unlink(temporary)
            throw StoreError(path: path, message: "cannot write: \(failure)")
        }
        if durable { syncDirectory(directory.isEmpty ? "." : directory) }
    }

    /// Writes all of `data` to `fd`, retrying short writes; false on error (errno set).
    static func writeAll(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Makes a directory's entries (new files, renames) durable; best effort.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
