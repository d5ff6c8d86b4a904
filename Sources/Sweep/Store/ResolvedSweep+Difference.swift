extension ResolvedSweep {
    /// What differs between the jobs of `self` (a directory's sweep) and `other` (a new spec), one line
    /// per point, for the refusal message; empty when both hold the same jobs.
    public func differences(to other: ResolvedSweep, oldLabel: String = "directory", newLabel: String = "spec") -> [String] {
        let oldIDs = Set(ids), newIDs = Set(other.ids)
        guard oldIDs != newIDs else { return [] }
        var lines: [String] = []
        let keys = Set(jobs.flatMap(\.params.keys)).union(other.jobs.flatMap(\.params.keys)).sorted()
        for key in keys {
            let old = Self.values(of: key, in: jobs), new = Self.values(of: key, in: other.jobs)
            guard Set(old.map(\.key)) != Set(new.map(\.key)) else { continue }
            lines.append("\(key): \(Self.list(old)) in the \(oldLabel), \(Self.list(new)) in the \(newLabel)")
        }
        if overrides != other.overrides {
            let quoted = { (list: [String]) in list.isEmpty ? "none" : list.joined(separator: " ") }
            lines.append("command-line overrides: \(quoted(overrides)) in the \(oldLabel), \(quoted(other.overrides)) in the \(newLabel)")
        }
        let common = oldIDs.intersection(newIDs).count
        lines.append("jobs: \(jobs.count) in the \(oldLabel), \(other.jobs.count) in the \(newLabel), \(common) in both")
        if lines.count == 1 {
            lines.insert("the same parameter values are combined into different jobs", at: 0)
        }
        return lines
    }

    /// The distinct values of `key` across `jobs`, in first-seen order, keyed so that `2` and `2.0` match.
    private static func values(of key: String, in jobs: [Job]) -> [(key: String, text: String)] {
        var seen = Set<String>()
        var result: [(key: String, text: String)] = []
        for job in jobs {
            let value = job.params[key]
            let comparable = value.map(comparisonKey) ?? "\u{0}absent"
            if seen.insert(comparable).inserted { result.append((comparable, value?.description ?? "(absent)")) }
        }
        return result
    }

    /// Numbers compare by value (JSON may spell `2.0` as `2`); everything else by its JSON text.
    static func comparisonKey(_ value: ParamValue) -> String {
        switch value {
        case .int(let number): return "n:" + Double(number).description
        case .double(let number): return "n:" + number.description
        case .list(let items): return "[" + items.map(comparisonKey).joined(separator: ",") + "]"
        default: return value.json
        }
    }

    private static func list(_ values: [(key: String, text: String)]) -> String {
        let shown = values.prefix(6).map(\.text)
        let more = values.count > 6 ? ", … (\(values.count) values)" : ""
        return shown.count == 1 && values.count == 1 ? shown[0] : "[" + shown.joined(separator: ", ") + more + "]"
    }
}
