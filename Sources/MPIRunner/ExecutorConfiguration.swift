import Foundation
import Sweep

/// How a rank runs its jobs: which program, how many at once, for how long.
public struct ExecutorConfiguration: Sendable {
    /// The program run for each job (normally this executable, from `/proc/self/exe`).
    public var executable: String
    /// Its arguments: the internal subcommand that reads a job on stdin and writes a result on stdout
    /// (`WorkerProtocol`).
    public var arguments: [String]
    /// Jobs run at once on this rank.
    public var slots: Int
    /// Seconds after which a job is killed and recorded as `timeout`; `nil` = no limit.
    public var jobTimeout: Double?
    /// The limit of a job when `jobTimeout` is not set (from its estimated work), so that no job is waited for
    /// forever by default; nil: no limit.
    public var defaultTimeout: (@Sendable (JobSpec) -> Double?)?
    /// OpenBLAS threads per job (recorded in results this rank makes up itself, such as timeouts).
    public var blasThreads: Int
    /// Environment of each job: this process's, with the BLAS and OpenMP thread counts set.
    public var environment: [String: String]

    /// Runs `executable` as the worker protocol says, with `blasThreads` BLAS threads and `threads` training
    /// threads per job.
    public init(executable: String, slots: Int, jobTimeout: Double?, blasThreads: Int, threads: Int = 1, epochLog: Bool = false,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.executable = executable
        self.slots = max(1, slots)
        self.jobTimeout = jobTimeout
        self.blasThreads = max(1, blasThreads)
        self.arguments = WorkerProtocol.arguments(blasThreads: self.blasThreads, threads: max(1, threads), epochLog: epochLog)
        self.environment = WorkerProtocol.environment(environment, blasThreads: self.blasThreads)
    }

    /// This executable's path (`/proc/self/exe` on Linux, else the first argument made absolute).
    public static var currentExecutable: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let first = CommandLine.arguments.first ?? "seplaw"
        if first.hasPrefix("/") { return first }
        return FileManager.default.currentDirectoryPath + "/" + first
    }
}
