import Sweep

/// A job waiting to be handed out, with its id and estimated cost computed once.
public struct QueuedJob: Sendable {
    public let spec: JobSpec
    public let id: String
    /// Relative cost (floating-point work): the longest jobs go first, and the ETA weighs jobs by it.
    public let cost: Double

    public init(spec: JobSpec, id: String, cost: Double) {
        self.spec = spec
        self.id = id
        self.cost = cost
    }

    /// `jobs` in the order to hand them out: longest estimated cost first, ties in the given order.
    public static func schedule(_ jobs: [QueuedJob]) -> [QueuedJob] {
        jobs.enumerated().sorted { a, b in
            a.element.cost != b.element.cost ? a.element.cost > b.element.cost : a.offset < b.offset
        }.map(\.element)
    }
}
