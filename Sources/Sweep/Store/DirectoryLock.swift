import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on `DIR/.lock`, so that two sweeps never write one result directory at once.
/// The kernel releases it when the holder exits, however it exits.
final class DirectoryLock {
    private let fd: Int32

    init(directory: String) throws(StoreError) {
        let path = directory + "/.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError(path: path, message: "cannot open the lock file: \(FileIO.errnoText)") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = FileIO.errnoText
            close(fd)
            throw StoreError(path: directory, message: busy
                ? "another seplaw sweep is writing to this directory; wait for it to finish or choose another --out"
                : "cannot lock the directory: \(reason)")
        }
    }

    deinit {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
