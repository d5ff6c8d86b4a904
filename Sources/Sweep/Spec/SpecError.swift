/// A problem with a sweep spec: which file, which dotted key (when there is one), and what is wrong.
///
/// `description` reads `file:line: key: message`, e.g.
/// `Configs/x.yaml:4: model.depth: expected an integer 0…1000, found "deep"`.
public struct SpecError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The spec file (path as given, or the name passed to `SweepSpec.parse`).
    public let file: String
    /// The dotted key the problem is about (`train.lr`, `grid.train.lr`, `cases[1].model.depth`), if any.
    public let key: String?
    /// What is wrong, in words a user can act on.
    public let message: String
    /// The 1-based line in the file, when known.
    public let line: Int?

    /// Creates an error; `line` is optional context.
    public init(file: String, key: String?, message: String, line: Int? = nil) {
        self.file = file
        self.key = key
        self.message = message
        self.line = line
    }

    /// `file[:line]: [key: ]message`.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += (key.isEmpty ? "\"\"" : key) + ": " }
        return text + message
    }
}
