extension Provenance {
    /// A warning when `results` come from more than one build (version, commit, dirty tree), with how many
    /// results each build produced; `nil` when they agree. Results without provenance count as one more build.
    public static func mixedBuildsWarning(_ results: [JobResult]) -> String? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for result in results {
            let build = result.provenance?.build ?? "unrecorded (written before seplaw recorded its build)"
            if counts[build] == nil { order.append(build) }
            counts[build, default: 0] += 1
        }
        guard order.count > 1 else { return nil }
        let listed = order.map { "\($0): \(counts[$0] ?? 0) result\(counts[$0] == 1 ? "" : "s")" }
        return "the results come from \(order.count) different builds of seplaw (" + listed.joined(separator: "; ")
            + "); numbers from different commits may not be comparable"
    }
}
