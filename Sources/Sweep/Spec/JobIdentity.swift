import Linalg

/// The ids of one job under any seed, hashing the part of its canonical JSON before the seed once: a spec's
/// seeds give jobs that differ only there, so expanding them costs one `params` and one canonical JSON per job
/// without its seed, not per job.
public struct JobIdentity: Sendable {
    /// FNV-1a 64 state after `canonicalJSON`'s text up to the seed's value.
    private let headHash: UInt64
    /// The text after the seed's value.
    private let tail: String

    public init(_ job: JobSpec) {
        let parts = job.canonicalJSONAroundSeed
        headHash = Self.continue(FNV1a64.offsetBasis, with: parts.before)
        tail = parts.after
    }

    /// The id of the job with `seed` (`JobSpec.id`): 16 lower-case hex digits.
    public func id(seed: UInt64) -> String {
        let hash = Self.continue(Self.continue(headHash, with: JobSpec.seedParam(seed).json), with: tail)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// FNV-1a 64 of `text` continued from `hash` (from `FNV1a64.offsetBasis`, `FNV1a64.hash(text)`).
    private static func `continue`(_ hash: UInt64, with text: String) -> UInt64 {
        var hash = hash
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* FNV1a64.prime
        }
        return hash
    }
}
