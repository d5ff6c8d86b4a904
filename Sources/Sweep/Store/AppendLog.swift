import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file where each appended line is on disk (`fsync`) before `append` returns.
final class AppendLog {
    let path: String
    private let fd: Int32

    init(path: String) throws(StoreError) {
        let existed = FileManager.default.fileExists(atPath: path)
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError(path: path, message: "cannot open for appending: \(FileIO.errnoText)") }
        self.path = path
        if !existed { FileIO.syncDirectory((path as NSString).deletingLastPathComponent) }
    }

    deinit { close(fd) }

    /// Appends `line` and a newline in one write, then syncs. A failed write is cut back off the file
    /// so that no torn line stays behind.
    func append(line: String) throws(StoreError) {
        let start = lseek(fd, 0, SEEK_END)
        let data = Data((line + "\n").utf8)
        guard FileIO.writeAll(fd, data) else {
            let reason = FileIO.errnoText
            if start >= 0 { _ = ftruncate(fd, start) }
            throw StoreError(path: path, message: "cannot append a result: \(reason)")
        }
        guard fsync(fd) == 0 else {
            throw StoreError(path: path, message: "cannot sync a result to disk: \(FileIO.errnoText)")
        }
    }
}
