import Foundation

/// A job's estimated peak memory, by what takes it, with the spec key that sizes each part: what `seplaw plan`
/// prints and checks against this machine's memory before any job starts.
public struct MemoryEstimate: Sendable, Equatable {
    /// One part of the estimate: bytes and the key to lower when it is too large.
    public struct Part: Sendable, Equatable {
        public let name: String
        public let bytes: Double
        public let key: String
    }

    /// Weights, their gradients and the optimiser's state; batch buffers of every layer; the features measured
    /// on the training sample; the dataset as loaded and prepared.
    public let parts: [Part]

    public var total: Double { parts.reduce(0) { $0 + $1.bytes } }

    /// The part taking the most memory.
    public var largest: Part { parts.max { $0.bytes < $1.bytes } ?? Part(name: "nothing", bytes: 0, key: "") }

    /// This machine's physical memory in bytes.
    public static var physicalMemory: Double { Double(ProcessInfo.processInfo.physicalMemory) }

    /// `1.2 GiB`, `340 MiB`, `12 KiB`.
    public static func format(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = bytes, unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if !value.isFinite || value >= 1024 { return String(format: "%.3g B", bytes) }
        return String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }

    /// `weights 1.2 MiB, batch buffers 3 MiB, …`.
    public var breakdown: String {
        parts.map { "\($0.name) \(Self.format($0.bytes))" }.joined(separator: ", ")
    }
}
