/// 64-bit FNV-1a over UTF-8 bytes (stable across runs and platforms, unlike `Hasher`).
public enum FNV1a64 {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a 64 of `text`'s UTF-8 bytes, continued from `hash` (the hash of the text before it; by default none).
    public static func hash(_ text: String, continuing hash: UInt64 = offsetBasis) -> UInt64 {
        var hash = hash
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* prime
        }
        return hash
    }

    /// `value` as 16 lower-case hex digits (how ids and digests are written).
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
