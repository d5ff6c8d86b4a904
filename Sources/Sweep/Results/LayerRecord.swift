/// One measured layer of a job: its place, width and separation fuzziness.
public struct LayerRecord: Codable, Sendable, Equatable {
    /// l = 0 for the input, then 1…L.
    public let index: Int
    public let name: String
    /// Feature dimension p.
    public let dim: Int
    /// Separation fuzziness D_l.
    public let D: Double

    public init(index: Int, name: String, dim: Int, D: Double) {
        self.index = index
        self.name = name
        self.dim = dim
        self.D = D
    }
}
