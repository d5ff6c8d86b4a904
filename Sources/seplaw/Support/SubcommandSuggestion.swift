/// "unknown subcommand 'sweeep' (did you mean 'sweep'?)" for a first argument that names no subcommand.
enum SubcommandSuggestion {
    /// The message for `word`, or `nil` when it is a subcommand, an option, or nothing like one.
    static func message(for word: String, among names: [String]) -> String? {
        guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
        let lowered = word.lowercased()
        if lowered.count >= 2, let prefixed = names.first(where: { $0.hasPrefix(lowered) }) {
            return "unknown subcommand '\(word)' (did you mean '\(prefixed)'?)"
        }
        let scored = names.map { ($0, distance(lowered, $0)) }.sorted { $0.1 < $1.1 }
        let listed = names.filter { $0 != "help" }.joined(separator: ", ")
        if let best = scored.first, best.1 <= max(2, best.0.count / 3) {
            return "unknown subcommand '\(word)' (did you mean '\(best.0)'?)"
        }
        return "unknown subcommand '\(word)'; the subcommands are \(listed)"
    }

    /// Levenshtein distance (insertions, deletions, substitutions).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
