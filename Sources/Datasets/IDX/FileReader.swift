#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files into memory with POSIX calls, turning every failure into a `DatasetError`.
enum FileReader {
    /// The bytes of the regular file at `path`.
    static func readAll(path: String) throws(DatasetError) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw DatasetError(path: path, message: "cannot open file: \(lastErrorText())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DatasetError(path: path, message: "cannot stat file: \(lastErrorText())")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DatasetError(path: path, message: "is a directory, expected a file")
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
