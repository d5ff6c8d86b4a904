/// How per-layer features are measured after training (and, with `every`, during it).
public struct MeasureConfig: Codable, Sendable, Equatable, Hashable {
    /// `train`: BatchNorm uses each chunk's batch statistics; `eval`: running statistics.
    public var batchnorm: BatchNormMeasurement
    /// Chunk size for batch statistics in `train` mode.
    public var chunk: Int
    /// Measure every layer every `every` epochs (and at epoch 0 and the last epoch); 0 = only after training.
    public var every: Int
    /// Also measure D on this many test points per class (a fixed, seeded, class-balanced subsample); nil = no.
    public var testPerClass: Int?
    /// Reduce every layer with more features than this to its top principal components before measuring
    /// (the authors do this for ResNets); nil = measure the features as they are.
    public var pca: Int?

    /// Creates a configuration; defaults follow the authors' code (train mode, chunks of 100, measured once).
    public init(batchnorm: BatchNormMeasurement = .train, chunk: Int = 100, every: Int = 0, testPerClass: Int? = nil, pca: Int? = nil) {
        self.batchnorm = batchnorm
        self.chunk = chunk
        self.every = every
        self.testPerClass = testPerClass
        self.pca = pca
    }

    enum CodingKeys: String, CodingKey {
        case batchnorm, chunk, every, testPerClass, pca
    }

    /// Reads `every`, `testPerClass` and `pca` when present, so jobs written before they existed still decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        batchnorm = try container.decode(BatchNormMeasurement.self, forKey: .batchnorm)
        chunk = try container.decode(Int.self, forKey: .chunk)
        every = try container.decodeIfPresent(Int.self, forKey: .every) ?? 0
        testPerClass = try container.decodeIfPresent(Int.self, forKey: .testPerClass)
        pca = try container.decodeIfPresent(Int.self, forKey: .pca)
    }

    /// Writes `every`, `testPerClass` and `pca` only when set, so a default job encodes as it always did.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(batchnorm, forKey: .batchnorm)
        try container.encode(chunk, forKey: .chunk)
        if every != 0 { try container.encode(every, forKey: .every) }
        try container.encodeIfPresent(testPerClass, forKey: .testPerClass)
        try container.encodeIfPresent(pca, forKey: .pca)
    }
}
