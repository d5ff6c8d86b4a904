import Foundation
import Linalg
import Sweep

#if canImport(Glibc)
import Glibc
#endif

/// Runs a rank's jobs, each in a child process, up to `slots` at once; turns every way a child can
/// end (a result, a signal, garbage, a time-out) into a `JobReport`. Single-threaded: call from one thread.
public final class JobExecutor: JobLauncher {
    private struct Running {
        let spec: JobSpec
        let id: String
        let child: ChildProcess
        let started: ContinuousClock.Instant
        /// Seconds after which the job is killed (`--job-timeout`, or its default limit); nil: never.
        let limit: Double?
        var timedOut = false
    }

    public let configuration: ExecutorConfiguration
    private var running: [Running] = []
    private let clock = ContinuousClock()

    public init(configuration: ExecutorConfiguration) {
        self.configuration = configuration
    }

    /// Jobs running now.
    public var runningCount: Int { running.count }
    /// Jobs this rank can start now.
    public var freeSlots: Int { configuration.slots - running.count }
    /// Ids of the jobs running now.
    public var runningIDs: [String] { running.map(\.id) }

    /// Starts `spec` (whose id is `id`, if the caller has it) in a child; a job that cannot even start
    /// comes back at once as an `error` report.
    public func start(_ spec: JobSpec, id: String? = nil) -> JobReport? {
        let input: [UInt8]
        do {
            input = try WorkerProtocol.encodeJob(spec)
        } catch {
            return report(spec, .error, "cannot encode the job: \(error)", log: "")
        }
        do {
            let child = try ChildProcess(executable: configuration.executable, arguments: configuration.arguments,
                                         environment: configuration.environment, input: input)
            let limit = configuration.jobTimeout ?? configuration.defaultTimeout?(spec)
            running.append(Running(spec: spec, id: id ?? spec.id, child: child, started: clock.now, limit: limit))
            return nil
        } catch {
            return report(spec, .error, error.description, log: "")
        }
    }

    /// Waits at most `milliseconds` for any child to write or end, then returns the jobs that finished
    /// (their outputs read to the end and their exit status collected); kills jobs past the time limit.
    public func wait(milliseconds requested: Int) -> [JobReport] {
        var milliseconds = requested
        // Wake up in time to enforce the nearest deadline.
        for job in running where !job.timedOut && job.child.termination == nil {
            guard let limit = job.limit else { continue }
            let left = Int(((limit - seconds(since: job.started)) * 1000).rounded(.up)) + 1
            milliseconds = max(0, min(milliseconds, left))
        }
        var descriptors: [pollfd] = running.flatMap { job in
            job.child.openDescriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        }
        // A child that ended while something else still holds its outputs: wake in time to give up on them.
        for job in running {
            if let ended = job.child.endedAt, !job.child.openDescriptors.isEmpty {
                let left = Int(((Self.outputGrace - seconds(since: ended)) * 1000).rounded(.up)) + 1
                milliseconds = max(0, min(milliseconds, left))
            }
        }
        if descriptors.isEmpty || running.contains(where: { $0.child.openDescriptors.isEmpty }) {
            // Only exit statuses are pending: no descriptor will wake us, so sleep briefly.
            if milliseconds > 0 { usleep(UInt32(min(milliseconds, 50) * 1000)) }
        }
        if !descriptors.isEmpty {
            _ = poll(&descriptors, nfds_t(descriptors.count), Int32(milliseconds))
        }
        var finished: [JobReport] = []
        var index = 0
        while index < running.count {
            let child = running[index].child
            child.drain()
            child.reap()
            if !running[index].timedOut, let limit = running[index].limit,
               seconds(since: running[index].started) > limit, child.termination == nil {
                running[index].timedOut = true
                child.kill(SIGKILL)
            }
            if let ended = child.endedAt, !child.isFinished, seconds(since: ended) > Self.outputGrace {
                child.abandonOutputs()
            }
            if child.isFinished {
                finished.append(outcome(of: running[index]))
                running.remove(at: index)
            } else {
                index += 1
            }
        }
        return finished
    }

    /// Kills every running job and forgets it (its result is not reported).
    public func terminateAll() {
        for job in running { job.child.killAndWait() }
        running.removeAll()
    }

    private func outcome(of job: Running) -> JobReport {
        let child = job.child
        var log = String(decoding: child.errorTail, as: UTF8.self)
        if child.outputsAbandoned {
            log += "\n[seplaw: the job's process ended but a process it started (a crash backtracer, a daemon) still held its "
                + "output open \(Self.format(Self.outputGrace)) s later; stopped reading]\n"
        }
        if child.errorDropped > 0 { log = "[… \(child.errorDropped) earlier bytes of standard error dropped]\n" + log }
        let elapsed = seconds(since: job.started)
        if job.timedOut {
            let limit = Self.format(job.limit ?? 0)
            let which = configuration.jobTimeout != nil ? "--job-timeout \(limit) s"
                : "its default time limit of \(limit) s (from its estimated work; --job-timeout sets another)"
            return report(job.spec, .timeout, "ran longer than \(which) and was killed", log: log, elapsed: elapsed)
        }
        switch child.termination {
        case .signaled(let signal):
            let name = SignalName.of(signal)
            // A Swift allocation failure (RLIMIT_AS, overcommit off) aborts with this text.
            let outOfMemory = log.contains("failed to allocate") ? " after running out of memory" : ""
            var crashed = report(job.spec, .crashed,
                                 "the job's process died on \(name) (signal \(signal))\(outOfMemory)"
                                 + (Self.lastLine(of: log).map { ": \($0)" } ?? ""),
                                 log: log, elapsed: elapsed)
            if JobReport.stopSignals.contains(signal) { crashed.stopSignal = signal }
            return crashed
        case .exited(let code):
            // The job writes one JSON line; keep those exact bytes (rank 0 stores them without re-encoding).
            if code == 0, let (result, line) = WorkerProtocol.decodeResult(child.output) {
                guard result.id == job.id else {
                    return report(job.spec, .error, "the job's process returned a result for job \(result.id)",
                                  log: log, elapsed: elapsed)
                }
                return JobReport(result: result, line: line, log: log)
            }
            let text = String(decoding: child.output.prefix(200), as: UTF8.self)
            var message = code == 0 ? "the job's process wrote no valid result" : "the job's process exited with status \(code)"
            if let lastLine = Self.lastLine(of: log) { message += ": \(lastLine)" }
            if !text.isEmpty { message += " (standard output began: \(text.debugDescription))" }
            return report(job.spec, .error, message, log: log, elapsed: elapsed)
        case nil:
            return report(job.spec, .error, "the job's process vanished", log: log, elapsed: elapsed)
        }
    }

    private func report(_ spec: JobSpec, _ status: JobStatus, _ message: String, log: String, elapsed: Double = 0) -> JobReport {
        let blas = BLASRecord.openBLAS(threads: configuration.blasThreads)
        var result = JobResult.failure(spec, status: status, message: message, blas: blas, seconds: TimingRecord(total: elapsed))
        let finished = Date()
        result.provenance = .current(started: finished.addingTimeInterval(-elapsed), finished: finished)
        return JobReport(result: result, log: log)
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        start.duration(to: clock.now).inSeconds
    }

    /// Seconds to keep reading a job's outputs after its process ended (what its descendants still write).
    static let outputGrace: Double = 2

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// The most telling line of a log: the first `Fatal error` line if any (Swift's backtracer writes
    /// much after it, register dumps included, whose text column may repeat the words), else the last
    /// `error` line, else the last non-empty line.
    static func lastLine(of log: String) -> String? {
        let lines = log.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let line = lines.first { $0.localizedCaseInsensitiveContains("fatal error") }
            ?? lines.last { $0.hasPrefix("error") }
            ?? lines.last
        return line.map { String($0.prefix(300)) }
    }
}
