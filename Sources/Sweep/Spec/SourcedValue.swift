/// A parameter value together with where it came from.
struct SourcedValue: Sendable {
    var node: SpecNode
    var origin: SpecOrigin
}
