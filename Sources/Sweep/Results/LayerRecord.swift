/// One measured layer of a job: its place, width, separation fuzziness and related measures.
public struct LayerRecord: Codable, Sendable, Equatable {
    /// l = 0 for the input, then 1…L.
    public let index: Int
    public let name: String
    /// Feature dimension p.
    public let dim: Int
    /// Separation fuzziness D_l on the training points.
    public let D: Double
    /// NC1 = Tr(Σ_W Σ_B⁺)/K on the training points (absent in results written before it existed).
    public var nc1: Double?
    /// Nearest-class-centre accuracy of this layer's training features.
    public var nccAccuracy: Double?
    /// D_l on the test subsample (`measure.test_per_class`), when measured.
    public var testD: Double?

    enum CodingKeys: String, CodingKey {
        case index, name, dim, D, nc1
        case nccAccuracy = "ncc_accuracy"
        case testD = "test_D"
    }

    public init(index: Int, name: String, dim: Int, D: Double, nc1: Double? = nil, nccAccuracy: Double? = nil,
                testD: Double? = nil) {
        self.index = index
        self.name = name
        self.dim = dim
        self.D = D
        self.nc1 = nc1
        self.nccAccuracy = nccAccuracy
        self.testD = testD
    }
}
