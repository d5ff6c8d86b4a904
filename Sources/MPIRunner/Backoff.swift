/// Polling interval that starts short after activity and doubles while idle, so an idle rank wakes
/// at most `maximum`⁻¹ times a second instead of spinning a core.
struct Backoff {
    let minimum: Int
    let maximum: Int
    private(set) var current: Int

    init(minimumMilliseconds: Int = 1, maximumMilliseconds: Int = 100) {
        minimum = minimumMilliseconds
        maximum = maximumMilliseconds
        current = minimumMilliseconds
    }

    /// Resets to the minimum after something happened.
    mutating func reset() { current = minimum }

    /// The interval to wait now; the next one is twice as long, up to the maximum.
    mutating func next() -> Int {
        let value = current
        current = min(maximum, current * 2)
        return value
    }
}
