import Foundation
import Sweep

/// The contract between a rank and the child process that runs one job; both sides use this type.
///
/// - The rank starts `EXECUTABLE worker-job --blas-threads N --threads T [--epoch-log]` (`arguments`), usually
///   its own executable, with its own environment plus `OPENBLAS_NUM_THREADS` and `OMP_NUM_THREADS` set to N
///   (`environment`); the job splits its training steps across T threads.
/// - It writes one `JobSpec` as JSON (`encodeJob`) to the child's standard input and closes it.
/// - The child runs the job and writes exactly one line to standard output: the `JobResult` as JSON
///   (`resultLine`), then exits 0, also when the job failed (the result carries the status). Diagnostics go
///   to standard error, which the rank keeps as the job's log.
/// - Anything else is the rank's to judge (`decodeResult` returns nil): a signal is `crashed`, another exit
///   status or output is `error`, a child past `--job-timeout` is killed and recorded as `timeout`.
/// - `SEPLAW_INJECT_FAULT=<job-id>:<fault>,…` (tests only) makes the child fail on purpose.
public enum WorkerProtocol {
    /// The internal subcommand that runs one job.
    public static let subcommand = "worker-job"
    /// The environment variable of the test-only fault injection.
    public static let faultVariable = "SEPLAW_INJECT_FAULT"

    /// The child's arguments after the executable.
    public static func arguments(blasThreads: Int, threads: Int = 1, epochLog: Bool) -> [String] {
        [subcommand, "--blas-threads", String(blasThreads), "--threads", String(threads)] + (epochLog ? ["--epoch-log"] : [])
    }

    /// The child's environment: `base` with the BLAS and OpenMP thread counts set.
    public static func environment(_ base: [String: String], blasThreads: Int) -> [String: String] {
        var environment = base
        environment["OPENBLAS_NUM_THREADS"] = String(blasThreads)
        environment["OMP_NUM_THREADS"] = String(blasThreads)
        return environment
    }

    /// The job as the bytes written to the child's standard input.
    public static func encodeJob(_ spec: JobSpec) throws -> [UInt8] {
        Array(try JSONCoding.encoder().encode(spec))
    }

    /// The job the child read from its standard input.
    public static func decodeJob(_ bytes: Data) throws -> JobSpec {
        try JSONCoding.decoder().decode(JobSpec.self, from: bytes)
    }

    /// What the child writes to standard output: the result as one line of JSON, with the newline.
    public static func resultLine(_ result: JobResult) throws -> String {
        try JSONCoding.line(result) + "\n"
    }

    /// The result in a child's standard output when it is exactly one valid JSON line (trailing newlines
    /// allowed), with that line's bytes as written; nil otherwise.
    public static func decodeResult(_ output: [UInt8]) -> (result: JobResult, line: String)? {
        var line = output[...]
        while let last = line.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { line = line.dropLast() }
        guard !line.contains(UInt8(ascii: "\n")),
              let result = try? JSONCoding.decoder().decode(JobResult.self, from: Data(line)) else { return nil }
        return (result, String(decoding: line, as: UTF8.self))
    }
}
