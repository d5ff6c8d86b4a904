extension SweepSummary {
    /// How many of `group`'s jobs diverged (their training loss became non-finite): in a learning-rate
    /// sweep a result, not a crash.
    public func divergedCount(in group: SummaryGroup) -> Int {
        let ids = Set(group.ids)
        return rows.filter { ids.contains($0.id) && $0.status == .diverged }.count
    }

    /// Whether any job diverged.
    public var hasDivergence: Bool { rows.contains { $0.status == .diverged } }
}
