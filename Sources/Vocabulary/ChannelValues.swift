/// One number per image channel, or a single number for every channel (normalisation means and
/// standard deviations).
///
/// Encodes as a plain JSON number when it holds one value and as a list otherwise, so JSON written
/// when these were plain numbers reads back unchanged. Literals work: `0.5`, `[0.4914, 0.4822, 0.4465]`.
public struct ChannelValues: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral
{
    /// One value (for every channel) or one per channel, in channel order.
    public var values: [Double]

    /// Values in channel order (one value means every channel).
    public init(_ values: [Double]) {
        self.values = values
    }

    /// The same value for every channel.
    public init(_ value: Double) {
        self.values = [value]
    }

    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int) { self.init(Double(value)) }
    public init(arrayLiteral elements: Double...) { self.init(elements) }

    /// Whether one value stands for every channel.
    public var isUniform: Bool { values.count == 1 }

    /// The same values with a list of equal values written as that one value (the canonical form:
    /// `[0.5, 0.5, 0.5]` and `0.5` normalise the same way).
    public var collapsed: ChannelValues {
        guard let first = values.first, values.count > 1, values.allSatisfy({ $0 == first }) else { return self }
        return ChannelValues(first)
    }

    /// One value for each of the source channels listed in `kept`, for images that had `sourceChannels`
    /// channels: a single value is repeated, a list of `sourceChannels` values is indexed by `kept`;
    /// nil for any other length or an index in `kept` outside the list.
    public func values(keeping kept: [Int], of sourceChannels: Int) -> [Double]? {
        if values.count == 1 { return [Double](repeating: values[0], count: kept.count) }
        guard values.count == sourceChannels, kept.allSatisfy({ $0 >= 0 && $0 < values.count }) else { return nil }
        return kept.map { values[$0] }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Double.self) {
            self.init(value)
        } else {
            self.init(try container.decode([Double].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if values.count == 1 {
            try container.encode(values[0])
        } else {
            try container.encode(values)
        }
    }

    /// `0.5`, or `[0.4914, 0.4822, 0.4465]`.
    public var description: String {
        values.count == 1 ? "\(values[0])" : "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }
}
