#if canImport(Glibc)
import Glibc
#endif

/// The first SIGINT or SIGTERM this process received (0 = none); written only by the signal handler.
nonisolated(unsafe) private var receivedSignal: sig_atomic_t = 0

/// SIGINT/SIGTERM handling for a sweep: the handler only records the signal; the scheduling loops
/// check it and stop handing out work. SIGPIPE is ignored so that a dead child cannot kill a rank.
public enum Interrupt {
    /// Installs the handlers (call once, early).
    public static func install() {
        Glibc.signal(SIGPIPE, SIG_IGN)
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number) { number in
                if receivedSignal == 0 { receivedSignal = number }
            }
        }
    }

    /// The signal received, if any.
    public static var received: Int32? {
        let value = receivedSignal
        return value == 0 ? nil : Int32(value)
    }

    /// The received signal's name, e.g. `SIGINT`.
    public static var signalName: String? { received.map(SignalName.of) }
}
