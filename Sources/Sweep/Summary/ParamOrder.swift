/// A total order on parameter values for sorting rows and groups: numbers by value, then booleans,
/// strings, lists (element-wise), null.
enum ParamOrder {
    static func less(_ a: ParamValue?, _ b: ParamValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return false
        case (nil, _): return false
        case (_, nil): return true
        case let (a?, b?): return less(a, b)
        }
    }

    static func less(_ a: ParamValue, _ b: ParamValue) -> Bool {
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb }
        switch (a, b) {
        case (.int, _), (.double, _):
            let x = number(a), y = number(b)
            return x != y ? x < y : a.json < b.json
        case let (.bool(x), .bool(y)): return !x && y
        case let (.string(x), .string(y)): return x < y
        case let (.list(x), .list(y)):
            for (u, v) in zip(x, y) where u != v { return less(u, v) }
            return x.count < y.count
        default: return false
        }
    }

    /// Orders dictionaries of parameters by `keys` in turn.
    static func less(_ a: [String: ParamValue], _ b: [String: ParamValue], keys: [String]) -> Bool {
        for key in keys where a[key] != b[key] { return less(a[key], b[key]) }
        return false
    }

    private static func rank(_ value: ParamValue) -> Int {
        switch value {
        case .int, .double: return 0
        case .bool: return 1
        case .string: return 2
        case .list: return 3
        case .null: return 4
        }
    }

    private static func number(_ value: ParamValue) -> Double {
        switch value {
        case .int(let x): return Double(x)
        case .double(let x): return x
        default: return 0
        }
    }
}
