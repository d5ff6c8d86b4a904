import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ResultStore {
    /// Bytes the write check writes: room for a result line and a job's whole log (rank 0 keeps at most
    /// 256 KiB of a job's standard error).
    public static let writeCheckBytes = 320 << 10

    /// Proves before any job runs that results can be stored: writes `writeCheckBytes` to a scratch
    /// file in the directory, syncs it to disk and removes it, and checks that `results.jsonl` and the
    /// logs folder accept writes. A full disk, a read-only file system or a quota thus fails here, with
    /// the path and the reason, instead of after the first job has run.
    public func checkWritable() throws(StoreError) {
        try Self.checkWritable(directory: directory, bytes: Self.writeCheckBytes)
        try Self.checkWritable(directory: logsDirectory, bytes: 4096)
        // results.jsonl itself may sit elsewhere (a symbolic link): open it for appending, as the store will.
        let fd = open(resultsPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError(path: resultsPath, message: "cannot be opened for appending: \(FileIO.errnoText)") }
        close(fd)
    }

    static func checkWritable(directory: String, bytes: Int) throws(StoreError) {
        let probe = directory + "/.write-check-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(path: directory, message: "cannot write here (\(FileIO.errnoText)); choose another --out "
                             + "or fix its permissions; no job was started")
        }
        var failure: String?
        if !FileIO.writeAll(fd, Data(repeating: 0x20, count: bytes)) {
            failure = FileIO.errnoText
        } else if fsync(fd) != 0 {
            failure = FileIO.errnoText
        }
        close(fd)
        unlink(probe)
        if let failure {
            throw StoreError(path: directory, message: "cannot store results here: writing \(bytes / 1024) KiB failed "
                             + "(\(failure)); free some space or choose another --out; no job was started")
        }
    }
}
