import Foundation
import Network

/// One self-updating terminal line on standard error for `seplaw run`: epoch, loss, accuracy and
/// learning rate, redrawn at most ten times a second and at the last epoch.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var width = 0

    /// Whether standard error is a terminal.
    static var isTerminal: Bool { isatty(2) == 1 }

    func update(_ report: EpochReport) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        let last = report.epoch == report.epochs
        guard last || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let text = String(format: "epoch %d/%d  loss %.4f  accuracy %.3f  lr %g", report.epoch, report.epochs,
                          report.loss, report.accuracy, report.learningRate)
        let padding = String(repeating: " ", count: max(0, width - text.count))
        width = text.count
        StandardError.write("\r" + text + padding + (last ? "\n" : ""))
    }
}
