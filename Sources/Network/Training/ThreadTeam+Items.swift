import Synchronization

extension ThreadTeam {
    /// `transform(i)` for every i in 0..<count, in that order: on a team the items are handed out one at a time to
    /// whichever thread is free (work of uneven cost, such as a network's layers to measure), each computed whole by
    /// one thread, so the values never depend on the team's size. One thread maps them inline.
    public func map<T>(_ count: Int, _ transform: (Int) -> T) -> [T] {
        guard self.count > 1, count > 1 else { return (0..<max(count, 0)).map(transform) }
        let results = UnsafeMutablePointer<T>.allocate(capacity: count)
        defer {
            results.deinitialize(count: count)
            results.deallocate()
        }
        let counter = ItemCounter()
        run { _ in
            while true {
                let item = counter.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard item < count else { return }
                (results + item).initialize(to: transform(item))
            }
        }
        return Array(UnsafeBufferPointer(start: results, count: count))
    }
}

/// The next item to hand out, shared by the team's threads.
private final class ItemCounter: Sendable {
    let next = Atomic<Int>(0)
}
