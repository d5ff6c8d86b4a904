/// The spec's own small YAML tree: scalars already typed (YAML 1.1 rules as Yams resolves them),
/// mappings kept in file order, each node remembering its source text and line.
struct SpecNode: Sendable {
    /// The typed content of a node.
    enum Value: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        /// An integer literal that does not fit `Int` (kept as text for the message).
        case bigInt
        case float(Double)
        case string(String)
        case list([SpecNode])
        case map([SpecEntry])
    }

    var value: Value
    /// Source text of a scalar (empty for collections).
    var text: String
    /// 1-based line, when known.
    var line: Int?

    init(_ value: Value, text: String = "", line: Int? = nil) {
        self.value = value
        self.text = text
        self.line = line
    }

    /// The node as an integer, if it is one (an exactly integral float counts).
    var intValue: Int? {
        switch value {
        case .int(let i): return i
        case .float(let d):
            guard d.isFinite, d == d.rounded(.towardZero) else { return nil }
            return Int(exactly: d)
        default: return nil
        }
    }

    /// The node as a finite number, if it is one.
    var numberValue: Double? {
        switch value {
        case .int(let i): return Double(i)
        case .float(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }

    /// A short rendering for error messages: `"deep"`, `1e30`, `a list [1, 2]`, `a mapping {a: 1}`.
    var found: String {
        switch value {
        case .list: return "a list " + rendered(limit: 60)
        case .map: return "a mapping " + rendered(limit: 60)
        case .null: return "null"
        default: return rendered(limit: 60)
        }
    }

    /// Flow-style YAML-ish text, truncated to about `limit` characters.
    func rendered(limit: Int) -> String {
        var out = ""
        render(into: &out, limit: limit)
        if out.count > limit { out = String(out.prefix(limit)) + "…" }
        return out
    }

    private func render(into out: inout String, limit: Int) {
        guard out.count <= limit else { return }
        switch value {
        case .null: out += text.isEmpty ? "null" : text
        case .string(let s): out += "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .bool, .int, .bigInt, .float: out += text
        case .list(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.render(into: &out, limit: limit)
                if out.count > limit { return }
            }
            out += "]"
        case .map(let entries):
            out += "{"
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += ", " }
                out += entry.key + ": "
                entry.node.render(into: &out, limit: limit)
                if out.count > limit { return }
            }
            out += "}"
        }
    }
}
