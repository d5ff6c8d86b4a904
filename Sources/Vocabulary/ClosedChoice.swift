/// A closed set of spelled choices (a spec value, a command-line value): its spellings come from
/// `allCases`, so lists of allowed values in messages can never miss a case.
public protocol ClosedChoice: RawRepresentable<String>, CaseIterable, Sendable, CustomStringConvertible {}

extension ClosedChoice {
    /// Every accepted spelling, in declaration order.
    public static var spellings: [String] { allCases.map(\.rawValue) }

    /// The spelling (what messages and tables show).
    public var description: String { rawValue }
}

extension Activation: ClosedChoice {}
extension MeasurementGranularity: ClosedChoice {}
extension FrozenPart: ClosedChoice {}
extension DatasetName: ClosedChoice {}
extension ChannelSelection: ClosedChoice {}
