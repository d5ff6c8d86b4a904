/// A network description that cannot be built, naming the layer (`vgg13.4.body.1`) and what is wrong.
public struct NetworkPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var layer: String
    public var message: String

    public init(_ layer: String, _ message: String) {
        self.layer = layer
        self.message = message
    }

    public var description: String { "\(layer): \(message)" }
}
