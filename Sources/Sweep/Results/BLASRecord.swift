/// The BLAS configuration a job ran under (results are bit-reproducible only for the same pair).
public struct BLASRecord: Codable, Sendable, Equatable {
    public let threads: Int
    public let core: String

    public init(threads: Int, core: String) {
        self.threads = threads
        self.core = core
    }
}
