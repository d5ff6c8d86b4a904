import Yams
import CYaml

extension SpecNode {
    /// Deepest nesting accepted; sweep specs need three or four levels.
    static let maximumDepth = 64

    /// Parses YAML text into a tree; `nil` for an empty document. YAML errors become `SpecError`s
    /// naming the file and line.
    static func parseYAML(_ yaml: String, file: String) throws(SpecError) -> SpecNode? {
        try checkExpandedSize(yaml, file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw SpecError.yaml(error, file: file)
        } catch {
            throw SpecError(file: file, key: nil, message: "not valid YAML: \(error)")
        }
        guard let root else { return nil }
        return try SpecNode(yams: root, file: file, path: "", depth: 0)
    }

    /// Most nodes a spec of `length` bytes may hold once its aliases are expanded: more than YAML
    /// without aliases can hold (a node takes at least half a byte of text: `[? ]` is three), so
    /// that aliases may repeat a block but not nest into billions of nodes ("billion laughs").
    static func maximumNodes(length: Int) -> Int { 4 * length + 1_024 }

    /// Counts the nodes of `yaml` with every alias expanded, from libyaml's events, and throws as soon as
    /// the count passes `maximumNodes`. This runs before Yams builds its tree: building it shares the
    /// aliased nodes, but hashing a mapping's keys, and then our own conversion, would visit every
    /// expanded node (gigabytes and minutes for 350 bytes). Syntax errors are left to `Yams.compose`.
    static func checkExpandedSize(_ yaml: String, file: String) throws(SpecError) {
        let text = Array(yaml.utf8)
        let limit = maximumNodes(length: text.count)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var sizes: [String: Int] = [:]                // anchor → expanded nodes of the node it names
        var open: [(anchor: String?, size: Int)] = []  // collections not yet closed, with their nodes so far
        var seen = 0                                   // nodes so far, closed or not
        var exceededAt: Int? = nil
        text.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            func saturatingSum(_ a: Int, _ b: Int) -> Int { a > Int.max - b ? Int.max : a + b }
            /// A node of `nodes` expanded nodes inside the innermost open collection (or at the top).
            func add(_ nodes: Int, counted: Bool) {
                if !counted { seen = saturatingSum(seen, nodes) }
                if !open.isEmpty { open[open.count - 1].size = saturatingSum(open[open.count - 1].size, nodes) }
            }
            func anchorName(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: $0) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return } // compose reports it
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    if let anchor = anchorName(event.data.scalar.anchor) { sizes[anchor] = 1 }
                    add(1, counted: false)
                case YAML_ALIAS_EVENT:
                    add(anchorName(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1, counted: false)
                case YAML_SEQUENCE_START_EVENT:
                    seen = saturatingSum(seen, 1)
                    open.append((anchorName(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    seen = saturatingSum(seen, 1)
                    open.append((anchorName(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { return }
                    if let anchor = closed.anchor { sizes[anchor] = closed.size }
                    add(closed.size, counted: true)
                default:
                    break
                }
                if seen > limit {
                    exceededAt = Int(event.start_mark.line) + 1
                    return
                }
            }
        }
        if let line = exceededAt {
            throw SpecError(file: file, key: nil,
                            message: "the YAML expands to more than \(limit) values once its aliases (*name) are "
                                + "replaced by the nodes they name; a spec of \(text.count) bytes may hold at most "
                                + "that many", line: line)
        }
    }

    private init(yams node: Node, file: String, path: String, depth: Int) throws(SpecError) {
        let line = node.mark?.line
        guard depth < SpecNode.maximumDepth else {
            let shown = path.count > 60 ? String(path.prefix(60)) + "…" : path
            throw SpecError(file: file, key: shown.isEmpty ? nil : shown,
                            message: "nested more than \(SpecNode.maximumDepth) levels deep", line: line)
        }
        switch node {
        case .scalar(let scalar):
            self = SpecNode.scalar(scalar.string, tag: node.tag.description, line: line)
        case .sequence(let sequence):
            var items: [SpecNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try SpecNode(yams: item, file: file, path: "\(path)[\(index)]", depth: depth + 1))
            }
            self.init(.list(items), line: line)
        case .mapping(let mapping):
            var entries: [SpecEntry] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw SpecError(file: file, key: path.isEmpty ? nil : path,
                                    message: "mapping keys must be plain strings, found a \(keyNode.kindName)",
                                    line: keyNode.mark?.line)
                }
                let key = keyScalar.string
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                let child = try SpecNode(yams: valueNode, file: file, path: childPath, depth: depth + 1)
                entries.append(SpecEntry(key: key, line: keyNode.mark?.line, node: child))
            }
            self.init(.map(entries), line: line)
        case .alias:
            throw SpecError(file: file, key: path.isEmpty ? nil : path,
                            message: "YAML aliases are not supported here", line: line)
        }
    }

    /// Types a scalar by its resolved YAML tag; anything that is not null/bool/int/float is a string.
    static func scalar(_ text: String, tag: String, line: Int?) -> SpecNode {
        switch tag {
        case Tag.Name.null.rawValue:
            return SpecNode(.null, text: text, line: line)
        case Tag.Name.bool.rawValue:
            switch text.lowercased() {
            case "true", "yes", "on": return SpecNode(.bool(true), text: text, line: line)
            case "false", "no", "off": return SpecNode(.bool(false), text: text, line: line)
            default: return SpecNode(.string(text), text: text, line: line)
            }
        case Tag.Name.int.rawValue:
            switch parseInteger(text) {
            case .some(.some(let value)): return SpecNode(.int(value), text: text, line: line)
            case .some(.none): return SpecNode(.bigInt, text: text, line: line)
            case .none: return SpecNode(.string(text), text: text, line: line)
            }
        case Tag.Name.float.rawValue:
            if let value = parseFloat(text) { return SpecNode(.float(value), text: text, line: line) }
            return SpecNode(.string(text), text: text, line: line)
        default:
            return SpecNode(.string(text), text: text, line: line)
        }
    }

    /// YAML 1.1 integer text → value. `nil`: not an integer we read (e.g. sexagesimal);
    /// `.some(nil)`: an integer that does not fit `Int`.
    static func parseInteger(_ text: String) -> Int?? {
        var body = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if body.hasPrefix("-") { negative = true; body = body.dropFirst() } else if body.hasPrefix("+") { body = body.dropFirst() }
        guard !body.isEmpty, !body.contains(":") else { return nil }
        var radix = 10
        if body.hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        else if body.hasPrefix("0b") { radix = 2; body = body.dropFirst(2) }
        else if body.hasPrefix("0o") { radix = 8; body = body.dropFirst(2) }
        else if body.count > 1 && body.hasPrefix("0") { radix = 8; body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ ($0.hexDigitValue ?? radix) < radix }) else { return nil }
        // Parse the magnitude as UInt64 so that Int.min is representable, then apply the sign.
        guard let magnitude = UInt64(body, radix: radix) else { return .some(nil) }
        if negative {
            if magnitude == UInt64(Int.max) + 1 { return .some(Int.min) }
            guard let value = Int(exactly: magnitude) else { return .some(nil) }
            return .some(-value)
        }
        return .some(Int(exactly: magnitude))
    }

    /// YAML 1.1 float text → value (`.inf`, `.nan` included); `nil` for forms we do not read.
    static func parseFloat(_ text: String) -> Double? {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default:
            let body = text.replacingOccurrences(of: "_", with: "")
            guard !body.contains(":") else { return nil }
            if let value = Double(body) { return value }
            // "1." and ".5" style literals.
            if body.hasSuffix(".") { return Double(body + "0") }
            return nil
        }
    }
}

private extension Node {
    var kindName: String {
        switch self {
        case .scalar: return "scalar"
        case .mapping: return "mapping"
        case .sequence: return "list"
        case .alias: return "alias"
        }
    }
}

extension SpecError {
    /// Converts a Yams error into a spec error with the line, column and problem.
    static func yaml(_ error: YamlError, file: String) -> SpecError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return SpecError(file: file, key: nil,
                             message: "YAML syntax error at line \(mark.line), column \(mark.column): \(contextText)\(problem)",
                             line: mark.line)
        case let .duplicatedKeysInMapping(duplicates, context):
            return SpecError(file: file, key: duplicates.first,
                             message: "duplicate key \(duplicates.joined(separator: ", ")) in a mapping (line \(context.mark.line))",
                             line: context.mark.line)
        case let .reader(problem, _, _, _):
            return SpecError(file: file, key: nil, message: "cannot read YAML: \(problem)")
        default:
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "unknown error"
            return SpecError(file: file, key: nil, message: "not valid YAML: \(text)")
        }
    }
}
