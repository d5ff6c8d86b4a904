import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Low-level file operations of the store and of every file seplaw writes: atomic replacement, durable
/// appends, directory sync.
public enum FileIO {
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
    ///
    /// Only regular files are ever replaced, and a symbolic link stays a link (the file it points to is
    /// replaced). `/dev/stdout`, `/dev/stderr` and `/dev/fd/N` write to that descriptor of this process; a
    /// character device or a FIFO is written into as a stream, never renamed over (a FIFO nobody reads is an
    /// error rather than a wait); anything else that is not a regular file (a directory, a socket, a block
    /// device) is refused.
    public static func writeAtomically(_ data: Data, to path: String, durable: Bool = true) throws(StoreError) {
        if let descriptor = standardDescriptor(path) {
            guard writeAll(descriptor, data) else { throw StoreError(path: path, message: "cannot write: \(errnoText)") }
            return
        }
        var target = path
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw StoreError(path: path, message: "is a symbolic link to nothing that can be written (\(errnoText))")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        if stat(target, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFCHR, S_IFIFO: return try writeStream(data, to: target, named: path)
            case S_IFDIR: throw StoreError(path: path, message: "is a directory, not a file")
            default: throw StoreError(path: path, message: "is not a regular file (a socket or a device); refusing to replace it")
            }
        }
        try replace(target, with: data, durable: durable, named: path)
    }

    /// The descriptor a path names in this process: 1 for `/dev/stdout`, 2 for `/dev/stderr`, N for
    /// `/dev/fd/N` and `/proc/self/fd/N`; nil for any other path.
    static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                return Int32(path.dropFirst(prefix.count))
            }
            return nil
        }
    }

    /// The atomic replacement itself: a temporary file next to `path`, synced, renamed over it.
    private static func replace(_ path: String, with data: Data, durable: Bool, named name: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError(path: name, message: "cannot write: \(errnoText)") }
        var failure: String?
        if !writeAll(fd, data) { failure = errnoText } else if durable && fsync(fd) != 0 { failure = errnoText }
        close(fd)
        if failure == nil, rename(temporary, path) != 0 { failure = errnoText }
        if let failure {
            unlink(temporary)
            throw StoreError(path: name, message: "cannot write: \(failure)")
        }
        if durable { syncDirectory(directory.isEmpty ? "." : directory) }
    }

    /// Writes `data` into an existing character device or FIFO without truncating or replacing it.
    private static func writeStream(_ data: Data, to path: String, named name: String) throws(StoreError) {
        // Non-blocking open: a FIFO without a reader fails with ENXIO instead of waiting forever.
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENXIO ? "a FIFO that nobody is reading" : errnoText
            throw StoreError(path: name, message: "cannot write: \(reason)")
        }
        defer { close(fd) }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        guard writeAll(fd, data) else { throw StoreError(path: name, message: "cannot write: \(errnoText)") }
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
