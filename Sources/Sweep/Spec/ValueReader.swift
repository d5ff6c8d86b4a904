import Vocabulary

/// Reads typed, range-checked values out of one job's merged dotted parameters, producing
/// `SpecError`s that name the key, what was expected, what was found, and where it came from.
struct ValueReader {
    let file: String
    let values: [String: SourcedValue]

    func has(_ key: String) -> Bool { values[key] != nil }

    func failure(_ key: String, expected: String, _ value: SourcedValue) -> SpecError {
        SpecError(file: file, key: key,
                  message: "expected \(expected), found \(value.node.found)\(value.origin.suffix)",
                  line: value.node.line)
    }

    func failure(_ key: String, message: String, _ value: SourcedValue?) -> SpecError {
        SpecError(file: file, key: key, message: message + (value?.origin.suffix ?? ""), line: value?.node.line)
    }

    static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "an integer ≥ \(range.lowerBound)" }
        return "an integer \(range.lowerBound)…\(range.upperBound)"
    }

    private func integer(_ node: SpecNode, in range: ClosedRange<Int>) -> Int? {
        guard let value = node.intValue, range.contains(value) else { return nil }
        return value
    }

    /// An integer in `range`.
    func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(SpecError) -> Int {
        guard let sourced = values[key] else { return fallback }
        guard let value = integer(sourced.node, in: range) else {
            throw failure(key, expected: Self.describe(range), sourced)
        }
        return value
    }

    /// An integer in `range`, or `null` (→ `nil`).
    func optionalInteger(_ key: String, default fallback: Int?, in range: ClosedRange<Int>) throws(SpecError) -> Int? {
        guard let sourced = values[key] else { return fallback }
        if case .null = sourced.node.value { return nil }
        guard let value = integer(sourced.node, in: range) else {
            throw failure(key, expected: Self.describe(range) + " or null", sourced)
        }
        return value
    }

    /// An integer in `range`, or the string `all` (→ `nil`).
    func integerOrAll(_ key: String, default fallback: Int?, in range: ClosedRange<Int>) throws(SpecError) -> Int? {
        guard let sourced = values[key] else { return fallback }
        if case .string("all") = sourced.node.value { return nil }
        guard let value = integer(sourced.node, in: range) else {
            throw failure(key, expected: Self.describe(range) + " or \"all\"", sourced)
        }
        return value
    }

    /// A finite number satisfying `isValid`, described by `expected` (e.g. "a number > 0").
    func number(_ key: String, default fallback: Double, expected: String,
                _ isValid: (Double) -> Bool) throws(SpecError) -> Double {
        guard let sourced = values[key] else { return fallback }
        guard let value = sourced.node.numberValue, isValid(value) else {
            throw failure(key, expected: expected, sourced)
        }
        return value
    }

    /// A list of exactly `count` finite numbers, each satisfying `isValid`.
    func numbers(_ key: String, default fallback: [Double], count: Int, expected: String,
                 _ isValid: (Int, Double) -> Bool) throws(SpecError) -> [Double] {
        guard let sourced = values[key] else { return fallback }
        guard case .list(let items) = sourced.node.value, items.count == count else {
            throw failure(key, expected: expected, sourced)
        }
        var result: [Double] = []
        for (index, item) in items.enumerated() {
            guard let value = item.numberValue, isValid(index, value) else {
                throw SpecError(file: file, key: "\(key)[\(index)]",
                                message: "expected \(expected), found \(item.found)\(sourced.origin.suffix)",
                                line: item.line ?? sourced.node.line)
            }
            result.append(value)
        }
        return result
    }

    /// A list of integers in `range` (`null` → `nil`); `strictlyIncreasing` and `nonEmpty` as asked.
    func integers(_ key: String, in range: ClosedRange<Int>, nonEmpty: Bool,
                  strictlyIncreasing: Bool) throws(SpecError) -> [Int]?? {
        guard let sourced = values[key] else { return .none }
        if case .null = sourced.node.value { return .some(nil) }
        let what = (nonEmpty ? "a non-empty list of " : "a list of ")
            + (strictlyIncreasing ? "strictly increasing " : "")
            + Self.describe(range).replacingOccurrences(of: "an integer", with: "integers")
        guard case .list(let items) = sourced.node.value, !(nonEmpty && items.isEmpty) else {
            throw failure(key, expected: what, sourced)
        }
        var result: [Int] = []
        for (index, item) in items.enumerated() {
            guard let value = integer(item, in: range) else {
                throw SpecError(file: file, key: "\(key)[\(index)]",
                                message: "expected \(Self.describe(range)), found \(item.found)\(sourced.origin.suffix)",
                                line: item.line ?? sourced.node.line)
            }
            if strictlyIncreasing, let last = result.last, value <= last {
                throw SpecError(file: file, key: key,
                                message: "expected \(what), found \(sourced.node.rendered(limit: 60)) "
                                    + "(\(value) does not exceed \(last))\(sourced.origin.suffix)",
                                line: item.line ?? sourced.node.line)
            }
            result.append(value)
        }
        return .some(result)
    }

    func bool(_ key: String, default fallback: Bool) throws(SpecError) -> Bool {
        guard let sourced = values[key] else { return fallback }
        guard case .bool(let value) = sourced.node.value else {
            throw failure(key, expected: "true or false", sourced)
        }
        return value
    }

    /// One of `options` (or an alias of one).
    func choice<Choice: ClosedChoice>(_ key: String, default fallback: Choice,
                                      aliases: [String: Choice] = [:]) throws(SpecError) -> Choice {
        guard let sourced = values[key] else { return fallback }
        if case .string(let text) = sourced.node.value {
            if let choice = Choice(rawValue: text) { return choice }
            if let canonical = aliases[text] { return canonical }
        }
        throw failure(key, expected: "one of \(Choice.spellings.joined(separator: ", "))", sourced)
    }

    /// A non-empty string (`null` → `nil`); numbers and booleans are read by their text.
    func string(_ key: String) throws(SpecError) -> String?? {
        guard let sourced = values[key] else { return .none }
        switch sourced.node.value {
        case .null: return .some(nil)
        case .string(let text) where !text.isEmpty: return .some(text)
        case .int, .float, .bigInt: return .some(sourced.node.text)
        default: throw failure(key, expected: "a non-empty string", sourced)
        }
    }

    /// A non-empty list of `options`.
    func choices<Choice: ClosedChoice>(_ key: String, default fallback: [Choice]) throws(SpecError) -> [Choice] {
        guard let sourced = values[key] else { return fallback }
        let listed = Choice.spellings.joined(separator: ", ")
        guard case .list(let items) = sourced.node.value, !items.isEmpty else {
            throw failure(key, expected: "a non-empty list of \(listed)", sourced)
        }
        var result: [Choice] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item.value, let choice = Choice(rawValue: text) else {
                throw SpecError(file: file, key: "\(key)[\(index)]",
                                message: "expected one of \(listed), found \(item.found)\(sourced.origin.suffix)",
                                line: item.line ?? sourced.node.line)
            }
            result.append(choice)
        }
        return result
    }
}
