import Foundation
import Sweep
#if canImport(Glibc)
import Glibc
#endif

/// Rank 0's progress line: `done / failed / running / total`, elapsed time and an ETA. On a terminal
/// one line is rewritten in place; otherwise (a Slurm log) a plain line is printed every `interval` seconds.
public final class SweepProgress {
    public let total: Int
    public private(set) var done: Int
    public private(set) var failed: Int
    public private(set) var running = 0
    private let isTerminal: Bool
    private let interval: Double
    private let started = Date()
    private var lastPrinted: Date?
    private var finishedCost = 0.0
    private var remainingCost: Double
    private var lineShown = false
    /// The line's prefix, `[sweep]` by default (`seplaw measure` says `[measure]`).
    private let label: String

    /// `done`/`failed`: jobs already recorded before this run; `pendingCost`: estimated cost of the jobs to run.
    public init(total: Int, done: Int, failed: Int, pendingCost: Double, interval: Double = 5,
                isTerminal: Bool = isatty(STDERR_FILENO) != 0, label: String = "sweep") {
        self.label = label
        self.total = total
        self.done = done
        self.failed = failed
        self.remainingCost = pendingCost
        self.interval = interval
        self.isTerminal = isTerminal
    }

    /// A job started.
    public func started(_ spec: JobSpec) {
        running += 1
    }

    /// `count` running jobs were stopped without a result.
    public func abandoned(_ count: Int) {
        running = max(0, running - count)
    }

    /// A job of estimated `cost` ended with `result`.
    public func finished(_ result: JobResult, cost: Double) {
        running = max(0, running - 1)
        if result.status == .ok { done += 1 } else { failed += 1 }
        finishedCost += cost
        remainingCost = max(0, remainingCost - cost)
        show()
    }

    /// Prints the line if it is due (every call on a terminal, at most 4 per second; else every `interval`).
    public func show(force: Bool = false) {
        let now = Date()
        if !force, let last = lastPrinted, now.timeIntervalSince(last) < (isTerminal ? 0.25 : interval) { return }
        lastPrinted = now
        let text = line(now: now)
        if isTerminal {
            write("\r" + text + "\u{1B}[K")
            lineShown = true
        } else {
            write(text + "\n")
        }
    }

    /// Prints the final state and ends the terminal line.
    public func finish() {
        show(force: true)
        if isTerminal && lineShown { write("\n") }
    }

    /// The progress text, e.g. `[sweep] 3 done / 1 failed / 2 running / 12 total  elapsed 0:41  eta 1:20`.
    public func line(now: Date = Date()) -> String {
        let elapsed = now.timeIntervalSince(started)
        var eta = "-"
        if finishedCost > 0 && elapsed > 0 { eta = Self.clock(elapsed * remainingCost / finishedCost) }
        if remainingCost == 0 && running == 0 { eta = "0:00" }
        return "[\(label)] \(done) done / \(failed) failed / \(running) running / \(total) total  elapsed \(Self.clock(elapsed))  eta \(eta)"
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let h = total / 3600, m = (total / 60) % 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
