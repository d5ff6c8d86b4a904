import ArgumentParser
import Engine
import Foundation
import MPIRunner
import Network
import Sweep

/// `seplaw worker-job` (internal): reads one `JobSpec` as JSON on standard input, runs it in this
/// process and writes its `JobResult` as one line of JSON on standard output. Each rank of a sweep
/// runs every job this way, in a child process, so a trap or a hang takes down one job only.
///
/// Test-only fault injection: `SEPLAW_INJECT_FAULT=<job-id>:<fault>[,<job-id>:<fault>…]` makes the
/// job with that id `trap` (die on a signal), `hang` (sleep until killed), `garbage` (print non-JSON),
/// `exit` (exit with status 3), `oom` (allocate and touch memory until the allocator fails or the
/// kernel kills it: run it under `ulimit -v` or a cgroup limit) or `orphan` (start a `sleep 40` in its
/// own process group holding the job's outputs, then exit with status 3, as a crash backtracer or a
/// daemon would) instead of running. Only this subcommand reads the variable.
struct WorkerJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: WorkerProtocol.subcommand, abstract: "Internal: run one job from standard input (used by `sweep`).",
        shouldDisplay: false)

    @Option(help: "OpenBLAS threads for this job.")
    var blasThreads: Int = 1

    @Option(help: "Threads the job's training steps are split across.")
    var threads: Int = 1

    @Flag(help: "Print the loss after every epoch to standard error (the job's log).")
    var epochLog = false

    func run() throws {
        ParentWatch.start()
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let spec: JobSpec
        do {
            spec = try WorkerProtocol.decodeJob(input)
        } catch {
            StandardError.write("worker-job: standard input is not a job (JSON JobSpec): \(error)\n")
            throw ExitCode(2)
        }
        StandardError.write("job \(spec.id): \(spec.canonicalJSON)\n")
        injectFault(for: spec.id)

        var reporter: (@Sendable (EpochReport) -> Void)?
        if epochLog {
            reporter = { report in
                StandardError.write("epoch \(report.epoch)/\(report.epochs) loss \(report.loss) accuracy \(report.accuracy)\n")
            }
        }
        let result = JobRunner.run(spec, options: RunOptions(blasThreads: max(1, blasThreads), threads: threads, progress: reporter,
                                                             datasetCache: DatasetCache.fromEnvironment()))
        if let message = result.message { StandardError.write("\(result.status.rawValue): \(message)\n") }
        FileHandle.standardOutput.write(Data(try WorkerProtocol.resultLine(result).utf8))
    }

    private func injectFault(for id: String) {
        guard let setting = ProcessInfo.processInfo.environment[WorkerProtocol.faultVariable] else { return }
        for item in setting.split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == id else { continue }
            StandardError.write("SEPLAW_INJECT_FAULT: injecting \(parts[1]) into job \(id)\n")
            switch parts[1] {
            case "trap":
                fatalError("injected fault (SEPLAW_INJECT_FAULT)")
            case "hang":
                while true { sleep(3600) }
            case "garbage":
                print("this is not JSON")
                Foundation.exit(0)
            case "exit":
                Foundation.exit(3)
            case "oom":
                exhaustMemory()
            case "orphan":
                startOrphan()
                Foundation.exit(3)
            default:
                StandardError.write("SEPLAW_INJECT_FAULT: unknown fault \(parts[1]) (trap, hang, garbage, exit, oom, orphan)\n")
            }
        }
    }

    /// Starts `/bin/sleep 40` in a process group of its own, inheriting standard output and error.
    private func startOrphan() {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ["/bin/sleep", "40"].map { word in word.withCString { Glibc.strdup($0) } }
        defer { for pointer in argv { free(pointer) } }
        let code = posix_spawn(&pid, "/bin/sleep", nil, &attributes, argv + [nil], environ)
        StandardError.write("orphan: started /bin/sleep 40 as process \(pid) (posix_spawn \(code))\n")
    }

    /// Allocates 64 MiB blocks and writes every page, as a job with a memory leak would, until the
    /// allocator fails (a Swift allocation failure traps) or the kernel's OOM killer sends SIGKILL.
    private func exhaustMemory() -> Never {
        var blocks: [[UInt8]] = []
        while true {
            blocks.append([UInt8](repeating: UInt8(truncatingIfNeeded: blocks.count | 1), count: 64 << 20))
            if blocks.count % 16 == 0 { StandardError.write("oom: \(blocks.count * 64) MiB allocated\n") }
        }
    }
}
