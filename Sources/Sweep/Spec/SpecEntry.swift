/// One `key: value` pair of a YAML mapping, in file order.
struct SpecEntry: Sendable {
    var key: String
    var line: Int?
    var node: SpecNode
}
