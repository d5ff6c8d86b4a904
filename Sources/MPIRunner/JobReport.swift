import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Sweep

/// What a rank sends back to rank 0 for one job: its result (decoded, and as the exact JSON line the
/// job wrote, which rank 0 stores as is) and the tail of its standard error.
public struct JobReport: Sendable {
    public var result: JobResult
    /// `result` as one line of JSON (no newline).
    public var line: String
    /// The job's standard error (bounded: at most the last 256 KiB).
    public var log: String
    /// The signal, when the job's process was ended from outside by SIGTERM, SIGINT or SIGHUP (a batch
    /// system stopping or requeueing the allocation, an operator): not a result of the job, so it is
    /// not recorded and the job runs again on resume.
    public var stopSignal: Int32?

    /// A report for a result the job wrote as `line`.
    public init(result: JobResult, line: String, log: String) {
        self.result = result
        self.line = line
        self.log = log
    }

    /// A report for a result made up by the rank (a crash, a time-out): encodes it.
    public init(result: JobResult, log: String) {
        self.result = result
        self.line = (try? JSONCoding.line(result)) ?? ""
        self.log = log
    }

    /// Signals that stop a job from outside instead of reporting a failure of the job itself.
    static let stopSignals: Set<Int32> = [SIGTERM, SIGINT, SIGHUP]

    /// Wire form: the result line, a newline, then the log. No re-encoding on either side.
    var wireBytes: [UInt8] { Array(line.utf8) + [UInt8(ascii: "\n")] + Array(log.utf8) }

    /// Parses the wire form; `nil` when the result line is not a valid `JobResult`.
    init?(wireBytes bytes: [UInt8]) {
        let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let lineBytes = bytes[..<newline]
        guard let result = try? JSONCoding.decoder().decode(JobResult.self, from: Data(lineBytes)) else { return nil }
        self.result = result
        self.line = String(decoding: lineBytes, as: UTF8.self)
        self.log = newline < bytes.count ? String(decoding: bytes[(newline + 1)...], as: UTF8.self) : ""
    }
}
