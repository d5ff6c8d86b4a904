import Linalg

/// The BLAS configuration a job ran under (results are bit-reproducible only for the same configuration).
public struct BLASRecord: Codable, Sendable, Equatable {
    public let threads: Int
    public let core: String
    /// What ran the training's small products: seplaw's AVX2/FMA kernel or OpenBLAS (absent in results written
    /// before the kernel existed, when it was always OpenBLAS).
    public let trainingGemm: String?

    public init(threads: Int, core: String, trainingGemm: String? = nil) {
        self.threads = threads
        self.core = core
        self.trainingGemm = trainingGemm
    }

    /// This process's OpenBLAS configuration with `threads` threads (what ran the small products is the
    /// engine's to say).
    public static func openBLAS(threads: Int) -> BLASRecord {
        BLASRecord(threads: threads, core: BLASRuntime.coreName)
    }

    enum CodingKeys: String, CodingKey {
        case threads, core
        case trainingGemm = "training_gemm"
    }
}
