#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into memory with POSIX calls, turning every failure into a `DatasetError`.
///
/// Every data file seplaw reads goes through `readAll`, so this is the one place that refuses what is
/// not a regular file: a FIFO would block the read forever, a device such as `/dev/zero` never ends.
enum FileReader {
    /// The bytes of the regular file at `path` (symbolic links followed).
    static func readAll(path: String) throws(DatasetError) -> [UInt8] {
        let fd = try openRegularFile(path: path)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DatasetError(path: path, message: "cannot stat file: \(lastErrorText())")
        }
        let size = Int(info.st_size)
        guard size > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        var failure: Int32 = 0
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while filled < size {
                let n = read(fd, base + filled, size - filled)
                if n > 0 {
                    filled += n
                } else if n == 0 {
                    break // the file shrank while reading; keep what is there
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 {
            throw DatasetError(path: path, message: "cannot read file: \(errorText(failure))")
        }
        if filled < size { bytes.removeSubrange(filled...) }
        return bytes
    }

    /// A read-only descriptor of the regular file at `path`; anything else (a directory, FIFO, device,
    /// socket) is refused before it is opened, and checked again on the descriptor, which is opened
    /// non-blocking so that a FIFO swapped in between cannot block either.
    static func openRegularFile(path: String) throws(DatasetError) -> Int32 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DatasetError(path: path, message: "cannot open file: \(lastErrorText())")
        }
        if let problem = notRegularProblem(info.st_mode) { throw DatasetError(path: path, message: problem) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw DatasetError(path: path, message: "cannot open file: \(lastErrorText())")
        }
        guard fstat(fd, &info) == 0 else {
            let text = lastErrorText()
            close(fd)
            throw DatasetError(path: path, message: "cannot stat file: \(text)")
        }
        if let problem = notRegularProblem(info.st_mode) {
            close(fd)
            throw DatasetError(path: path, message: problem)
        }
        return fd
    }

    /// What is wrong with a file of mode `mode` as input, or nil for a regular file.
    static func notRegularProblem(_ mode: mode_t) -> String? {
        let kind: String
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory, expected a file"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "a special file"
        }
        return "not a regular file: it is \(kind); give the path of a data file"
    }

    /// Whether something exists at `path`, and whether it is a directory.
    static func kind(of path: String) -> (exists: Bool, isDirectory: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (false, false) }
        return (true, (info.st_mode & S_IFMT) == S_IFDIR)
    }

    private static func lastErrorText() -> String { errorText(errno) }

    private static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
