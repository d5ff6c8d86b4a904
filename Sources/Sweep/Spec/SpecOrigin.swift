/// Where a parameter value came from, for error messages.
enum SpecOrigin: Sendable, Equatable {
    case file
    case grid
    case caseIndex(Int)

    /// ` (from grid)`, ` (from cases[2])`, or nothing for the file's sections.
    var suffix: String {
        switch self {
        case .file: return ""
        case .grid: return " (from grid)"
        case .caseIndex(let index): return " (from cases[\(index)])"
        }
    }
}
