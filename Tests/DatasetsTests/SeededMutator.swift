/// Seeded byte-level mutations for the fuzz-replay tests: a SplitMix64 generator and a mutator that
/// deletes, overwrites (randomly or with boundary bytes) or truncates a few positions.
struct SeededMutator {
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    private var rng: SplitMix

    init(seed: UInt64) {
        rng = SplitMix(state: seed)
    }

    /// A random integer in `range`.
    mutating func next(in range: Range<Int>) -> Int {
        Int.random(in: range, using: &rng)
    }

    /// `bytes` with one to four mutations.
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes.remove(at: position)
            case 1: bytes[position] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes[position] = [0x00, 0x01, 0x08, 0xFF, 0x7F, 0x80].randomElement(using: &rng)!
            default: bytes.removeSubrange(position...)
            }
        }
        return bytes
    }
}
