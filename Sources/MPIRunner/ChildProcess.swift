#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One child process started with `posix_spawn`: its input written up front, its standard output and
/// error read without blocking (no deadlock however much it writes), reaped without blocking.
///
/// The child gets its own process group (a terminal's Ctrl-C reaches the sweep, not the job directly),
/// default signal dispositions and an empty signal mask, and no descriptor but its three pipes.
final class ChildProcess {
    /// How the child ended.
    enum Termination: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    let pid: pid_t
    private var outFD: Int32
    private var errFD: Int32
    /// Everything the child wrote to standard output (up to `outputLimit` bytes).
    private(set) var output: [UInt8] = []
    /// The last `errorLimit` bytes the child wrote to standard error.
    private(set) var errorTail: [UInt8] = []
    /// Bytes of standard error dropped from the front to keep `errorTail` bounded.
    private(set) var errorDropped = 0
    private(set) var termination: Termination?

    static let outputLimit = 16 << 20
    static let errorLimit = 256 << 10

    /// Starts `executable` with `arguments` and `environment`, `input` on its standard input.
    init(executable: String, arguments: [String], environment: [String: String], input: [UInt8]) throws(ChildProcessError) {
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        func closeAll() { for fd in inPipe + outPipe + errPipe where fd >= 0 { close(fd) } }
        // Spawning happens on one thread only, so setting close-on-exec right after pipe() cannot race.
        func makePipe(_ fds: inout [Int32]) -> Bool {
            guard pipe(&fds) == 0 else { return false }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return true
        }
        guard makePipe(&inPipe), makePipe(&outPipe), makePipe(&errPipe) else {
            let reason = ChildProcess.errnoText()
            closeAll()
            throw ChildProcessError(message: "cannot create pipes: \(reason)")
        }
        // The job spec is small: it fits the pipe buffer, so write it now and close our end.
        guard input.count < 60_000, ChildProcess.writeAll(inPipe[1], input) else {
            closeAll()
            throw ChildProcessError(message: "cannot pass the job (\(input.count) bytes) to the child on its standard input")
        }
        close(inPipe[1]); inPipe[1] = -1

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // Nothing else of this rank reaches the job: not MPI's sockets, nor a descriptor the rank inherited
        // without close-on-exec (a launcher's or a test harness's pipe, which an orphan of the job would
        // otherwise hold open).
        _ = spawnCloseFrom(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t(), empty = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let code = posix_spawn(&child, executable, &actions, &attributes, argv + [nil], envp + [nil])
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard code == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw ChildProcessError(message: "cannot start \(executable): \(String(cString: strerror(code)))")
        }
        pid = child
        outFD = outPipe[0]
        errFD = errPipe[0]
        _ = fcntl(outFD, F_SETFL, fcntl(outFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(errFD, F_SETFL, fcntl(errFD, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if outFD >= 0 { close(outFD) }
        if errFD >= 0 { close(errFD) }
    }

    /// The descriptors still open for reading (for `poll`).
    var openDescriptors: [Int32] { [outFD, errFD].filter { $0 >= 0 } }

    /// Whether the child has exited and both of its outputs are fully read (or abandoned).
    var isFinished: Bool { termination != nil && outFD < 0 && errFD < 0 }

    /// When `reap` first saw the child ended.
    private(set) var endedAt: ContinuousClock.Instant?
    /// Whether the outputs were closed before their end of file (`abandonOutputs`).
    private(set) var outputsAbandoned = false

    /// Stops reading outputs that a process the child started still holds open after the child ended
    /// (a crash backtracer, a daemon in its own process group): without this, such a process would
    /// keep the job — and the sweep — waiting for an end of file that may never come.
    func abandonOutputs() {
        drain()
        if outFD >= 0 { close(outFD); outFD = -1; outputsAbandoned = true }
        if errFD >= 0 { close(errFD); errFD = -1; outputsAbandoned = true }
    }

    /// Reads whatever is available on both outputs without blocking; closes an output at end of file.
    func drain() {
        drain(&outFD) { bytes in
            if output.count < ChildProcess.outputLimit { output.append(contentsOf: bytes.prefix(ChildProcess.outputLimit - output.count)) }
        }
        drain(&errFD) { bytes in
            errorTail.append(contentsOf: bytes)
            if errorTail.count > ChildProcess.errorLimit {
                let excess = errorTail.count - ChildProcess.errorLimit
                errorTail.removeFirst(excess)
                errorDropped += excess
            }
        }
    }

    private func drain(_ fd: inout Int32, _ sink: ([UInt8]) -> Void) {
        guard fd >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                sink(Array(buffer[0..<count]))
            } else if count == 0 {
                close(fd); fd = -1
                return
            } else {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return }
                close(fd); fd = -1
                return
            }
        }
    }

    /// Collects the exit status if the child has ended (never blocks); returns whether it has.
    @discardableResult
    func reap() -> Bool {
        if termination != nil { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else {
            if result < 0 && errno == ECHILD { termination = .exited(-1); endedAt = ContinuousClock.now }
            return termination != nil
        }
        let low = status & 0x7f
        termination = low == 0 ? .exited((status >> 8) & 0xff) : .signaled(low)
        endedAt = ContinuousClock.now
        return true
    }

    /// Sends `signal` to the child's process group (the job and anything it started).
    func kill(_ signal: Int32) {
        guard termination == nil else { return }
        _ = Glibc.kill(-pid, signal)
        _ = Glibc.kill(pid, signal)
    }

    /// Kills the child and waits for it, discarding its output (for shutdown).
    func killAndWait() {
        kill(SIGKILL)
        if termination == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            termination = .signaled(SIGKILL)
        }
        if outFD >= 0 { close(outFD); outFD = -1 }
        if errFD >= 0 { close(errFD); errFD = -1 }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; its header declares it only for _GNU_SOURCE,
/// which Swift's Glibc module does not define): the child closes every descriptor from `lowest` up.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32
