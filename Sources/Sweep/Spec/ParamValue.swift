/// One job parameter as a plain JSON value (`2`, `0.3`, `"adam"`, `true`, `[0.9, 0.999]`, `null`).
public enum ParamValue: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case list([ParamValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else { self = .list(try container.decode([ParamValue].self)) }
    }

    /// Numbers compare by value: JSON writes `4.0` as `4`, so a `.double(4)` read back is an `.int(4)`
    /// and must still equal what was written.
    public static func == (lhs: ParamValue, rhs: ParamValue) -> Bool {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case let (.list(a), .list(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .int(value): hasher.combine(0); hasher.combine(Double(value))
        case let .double(value): hasher.combine(0); hasher.combine(value)
        case let .string(value): hasher.combine(1); hasher.combine(value)
        case let .bool(value): hasher.combine(2); hasher.combine(value)
        case let .list(values): hasher.combine(3); hasher.combine(values)
        case .null: hasher.combine(4)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The value as canonical JSON text (stable number formatting, escaped strings).
    public var json: String {
        switch self {
        case .int(let value): return String(value)
        case .double(let value): return ParamValue.canonicalNumber(value)
        case .string(let value): return ParamValue.quoted(value)
        case .bool(let value): return value ? "true" : "false"
        case .list(let values): return "[" + values.map(\.json).joined(separator: ",") + "]"
        case .null: return "null"
        }
    }

    /// Human text for tables: like `json` but strings unquoted.
    public var description: String {
        switch self {
        case .string(let value): return value
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        default: return json
        }
    }

    /// Shortest round-trip decimal with a normalised exponent (`0.3`, `1e-8`, `2.0`); `-0.0` prints as `0.0`;
    /// non-finite values print as JSON strings.
    static func canonicalNumber(_ value: Double) -> String {
        guard value.isFinite else { return quoted(value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")) }
        let text = (value == 0 ? 0.0 : value).description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        let mantissa = text[..<e]
        var exponent = text[text.index(after: e)...]
        var sign = ""
        if exponent.hasPrefix("-") || exponent.hasPrefix("+") {
            sign = exponent.hasPrefix("-") ? "-" : ""
            exponent = exponent.dropFirst()
        }
        let digits = exponent.drop { $0 == "0" }
        return "\(mantissa)e\(sign)\(digits.isEmpty ? "0" : String(digits))"
    }

    static func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
