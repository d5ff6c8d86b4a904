extension IDXFile {
    /// The file in IDX layout (header plus payload, uncompressed), as `parse` reads it.
    /// Dimensions above 2^32 − 1 cannot be encoded and are written modulo 2^32.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(truncatingIfNeeded: dimensions.count)]
        out.reserveCapacity(4 + 4 * dimensions.count + bytes.count)
        for d in dimensions {
            let v = UInt32(truncatingIfNeeded: d)
            out += [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
        }
        out += bytes
        return out
    }
}
