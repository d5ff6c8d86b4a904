import Foundation

extension Double {
    /// At most 15 significant digits, trailing zeros dropped: a rate computed by a schedule prints as
    /// `0.01`, not `0.010000000000000002`.
    var shortText: String { String(format: "%.15g", self) }
}
