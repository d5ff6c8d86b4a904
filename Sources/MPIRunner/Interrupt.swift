#if canImport(Glibc)
import Glibc
#endif

/// The first SIGINT or SIGTERM this process received (0 = none); written only by the signal handler.
nonisolated(unsafe) private var receivedSignal: sig_atomic_t = 0
/// Notices the handler writes to standard error on the first SIGTERM / SIGINT (set before, never freed).
nonisolated(unsafe) private var termNotice: UnsafeMutableRawBufferPointer?
nonisolated(unsafe) private var intNotice: UnsafeMutableRawBufferPointer?

/// SIGINT/SIGTERM handling for a sweep: the handler records the signal and, when a notice is set,
/// writes it at once (async-signal-safe `write(2)`); the scheduling loops check the signal and stop
/// handing out work. SIGPIPE is ignored so that a dead child cannot kill a rank.
///
/// The immediate notice matters under `mpirun`: on SIGINT/SIGTERM it sends the ranks SIGTERM and then
/// SIGKILL only milliseconds later, often before rank 0 could print anything from its main loop.
public enum Interrupt {
    /// Installs the handlers (call once, early).
    public static func install() {
        Glibc.signal(SIGPIPE, SIG_IGN)
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number) { number in
                guard receivedSignal == 0 else { return }
                receivedSignal = number
                if let notice = number == SIGTERM ? termNotice : intNotice, let base = notice.baseAddress {
                    _ = write(2, base, notice.count)
                }
            }
        }
    }

    /// Sets what the handler writes on the first signal; `text` gets the signal's name in place of
    /// `{signal}`. Call before the work starts (not from a handler).
    public static func setNotice(_ text: String) {
        func buffer(_ name: String) -> UnsafeMutableRawBufferPointer {
            let bytes = Array(text.replacingOccurrences(of: "{signal}", with: name).utf8)
            let pointer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            pointer.copyBytes(from: bytes)
            return pointer
        }
        termNotice = buffer("SIGTERM")
        intNotice = buffer("SIGINT")
    }

    /// The signal received, if any.
    public static var received: Int32? {
        let value = receivedSignal
        return value == 0 ? nil : Int32(value)
    }

    /// Whether the handler has written the notice for the signal received.
    public static var noticeWritten: Bool { received != nil && termNotice != nil }

    /// The received signal's name, e.g. `SIGINT`.
    public static var signalName: String? { received.map(SignalName.of) }
}
