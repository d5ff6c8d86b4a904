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
        headHash = FNV1a64.hash(parts.before)
        tail = parts.after
    }

    /// The id of the job with `seed` (`JobSpec.id`): 16 lower-case hex digits.
    public func id(seed: UInt64) -> String {
        FNV1a64.hex(FNV1a64.hash(tail, continuing: FNV1a64.hash(JobSpec.seedParam(seed).json, continuing: headHash)))
    }
}
