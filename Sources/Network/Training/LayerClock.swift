import Dispatch

/// Wall-clock seconds per layer pass of a training run, for `seplaw bench --layers`: each top-level node's forward
/// and backward pass and the optimiser's step, summed over the run. A network without one (the default) reads no clock.
public final class LayerClock {
    /// One timed pass: "f3 conv 64×32×32 → 64×32×32 direct" (f forward, b backward, node index, the layer).
    public struct Entry: Sendable {
        public let label: String
        public let seconds: Double
    }

    private var order: [String] = []
    private var totals: [String: UInt64] = [:]

    public init() {}

    /// The passes in the order first seen, with their summed seconds.
    public var entries: [Entry] {
        order.map { Entry(label: $0, seconds: Double(totals[$0] ?? 0) * 1e-9) }
    }

    /// Runs `body`, adding its wall time to `label`.
    @inline(__always)
    func time<T>(_ label: @autoclosure () -> String, _ body: () -> T) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let elapsed = DispatchTime.now().uptimeNanoseconds &- start
        let key = label()
        if totals[key] == nil { order.append(key) }
        totals[key, default: 0] &+= elapsed
        return result
    }
}
