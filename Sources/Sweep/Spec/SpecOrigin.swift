/// Where a parameter value came from, for error messages.
enum SpecOrigin: Sendable, Equatable {
    case file
    case grid
    case caseIndex(Int)
    /// A random draw of `sample:` for a trial (0-based).
    case sample(Int)
    /// A command-line override, as written (`train.lr=0.5`).
    case override(String)

    /// ` (from grid)`, ` (from cases[2])`, or nothing for the file's sections.
    var suffix: String {
        switch self {
        case .file: return ""
        case .grid: return " (from grid)"
        case .caseIndex(let index): return " (from cases[\(index)])"
        case .sample(let trial): return " (drawn by sample, trial \(trial))"
        case .override(let text): return " (from the command-line override \(text))"
        }
    }
}
