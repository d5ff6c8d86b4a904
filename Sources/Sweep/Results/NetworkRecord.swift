/// The network a job trained, as built: its definition version, trainable parameters and measured points
/// (absent in results written before it was recorded).
public struct NetworkRecord: Codable, Sendable, Equatable {
    /// `Architecture.definitionVersion` when the job ran.
    public let definition: Int
    public let parameters: Int
    /// The measured points in order (`input`, then the architecture's names).
    public let points: [String]

    public init(definition: Int, parameters: Int, points: [String]) {
        self.definition = definition
        self.parameters = parameters
        self.points = points
    }
}
