import Vocabulary

extension ValueReader {
    /// What `normalization` accepts, for messages.
    static let normalizationExpected = "[mean, std]: two numbers with std > 0, or [[mean per channel], [std per channel]]"

    /// `[mean, std]` (two numbers: every channel) or `[[m1, m2, m3], [s1, s2, s3]]` (one list per
    /// statistic, one value per channel; a number or a one-element list also means every channel), every
    /// std > 0; nil when the key is absent.
    func normalization(_ key: String) throws(SpecError) -> (mean: ChannelValues, std: ChannelValues)? {
        guard let sourced = values[key] else { return nil }
        guard case .list(let pair) = sourced.node.value, pair.count == 2 else {
            throw failure(key, expected: Self.normalizationExpected, sourced)
        }
        var result: [ChannelValues] = []
        for (index, node) in pair.enumerated() {
            let what = (index == 0 ? "a mean" : "a std > 0") + " (a number, or a non-empty list of one per channel)"
            let isValid: (Double) -> Bool = { index == 0 || $0 > 0 }
            switch node.value {
            case .list(let items) where !items.isEmpty:
                var numbers: [Double] = []
                for (position, item) in items.enumerated() {
                    guard let value = item.numberValue, isValid(value) else {
                        throw SpecError(file: file, key: "\(key)[\(index)][\(position)]",
                                        message: "expected \(what), found \(item.found)\(sourced.origin.suffix)",
                                        line: item.line ?? node.line ?? sourced.node.line)
                    }
                    numbers.append(value)
                }
                result.append(ChannelValues(numbers))
            default:
                guard let value = node.numberValue, isValid(value) else {
                    throw SpecError(file: file, key: "\(key)[\(index)]",
                                    message: "expected \(what), found \(node.found)\(sourced.origin.suffix)",
                                    line: node.line ?? sourced.node.line)
                }
                result.append(ChannelValues(value))
            }
        }
        return (result[0], result[1])
    }
}
