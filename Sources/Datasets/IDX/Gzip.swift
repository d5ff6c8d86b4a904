import CZlib

/// Gzip decompression through zlib, with errors that say what is wrong with the stream.
enum Gzip {
    /// Largest decompressed size accepted (guards against decompression bombs): 4 GiB.
    static let maximumOutput = 1 << 32

    /// The most a deflate stream can expand its input.
    static let maximumDeflateRatio = 1032

    /// Whether `data` starts with the gzip magic bytes 1f 8b.
    static func isGzip(_ data: [UInt8]) -> Bool {
        data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B
    }

    /// The most bytes a stream may decompress to, and why, phrased to follow "decompresses to more
    /// than N bytes, " in the error when it runs past them.
    struct OutputLimit {
        var bytes: Int
        var reason: String
    }

    /// Decides the output limit from the first bytes decompressed: `nil` while it needs more bytes; it
    /// may also throw to reject the stream from those bytes alone (a wrong header, say).
    typealias LimitFromPrefix = (UnsafeBufferPointer<UInt8>) throws(DatasetError) -> OutputLimit?

    /// The decompressed contents of the gzip stream `data` (concatenated members are joined).
    /// `path` only names the source in error messages. With `limit`, decompression stops as soon as the
    /// output runs past what the stream's first bytes allow, so that a small file whose stream runs on
    /// far beyond its declared size cannot make us allocate more than that size (and a little).
    static func decompress(_ data: [UInt8], path: String,
                           limit: LimitFromPrefix? = nil) throws(DatasetError) -> [UInt8] {
        // The gzip trailer holds the uncompressed size mod 2^32: a good first guess for the buffer, but
        // only as far as deflate can expand (at most ~1032:1), so a small forged file cannot make us
        // allocate a gigabyte up front.
        var capacity = 1 << 16
        if data.count >= 18 {
            let n = data.count
            let hint = Int(data[n - 4]) | Int(data[n - 3]) << 8 | Int(data[n - 2]) << 16 | Int(data[n - 1]) << 24
            capacity = max(capacity, min(hint + 1, data.count * maximumDeflateRatio, 1 << 30))
        }
        var output = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { output.deallocate() }
        var produced = 0
        var problem: String? = nil
        var rejection: DatasetError? = nil
        var decided: OutputLimit? = nil
        var undecided = limit != nil // the limit is still to be decided from the output's first bytes

        data.withUnsafeBufferPointer { input in
            guard let inputBase = input.baseAddress else { problem = "file is empty"; return }
            var stream = z_stream()
            guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                problem = "zlib could not be initialised"
                return
            }
            defer { inflateEnd(&stream) }
            var consumed = 0 // input bytes handed to zlib so far
            stream.next_in = UnsafeMutablePointer(mutating: inputBase)
            stream.avail_in = 0

            while true {
                if stream.avail_in == 0 && consumed < input.count {
                    let chunk = min(input.count - consumed, Int(UInt32.max))
                    stream.next_in = UnsafeMutablePointer(mutating: inputBase + consumed)
                    stream.avail_in = UInt32(chunk)
                    consumed += chunk
                }
                if let decided, produced > decided.bytes {
                    problem = "the gzip stream decompresses to more than \(decided.bytes) bytes, "
                        + "\(decided.reason); refusing to read on"
                    return
                }
                // At most one byte past the limit is ever needed, to tell that the stream runs past it.
                let ceiling = decided.map { min($0.bytes + 1, maximumOutput) } ?? maximumOutput
                if produced == capacity {
                    guard capacity < ceiling else {
                        problem = "decompressed data exceeds \(maximumOutput) bytes; refusing to continue"
                        return
                    }
                    let grown = min(capacity * 2, ceiling)
                    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                    bigger.update(from: output, count: produced)
                    output.deallocate()
                    output = bigger
                    capacity = grown
                }
                // Small steps until the limit is decided, then never past the ceiling.
                let step = undecided ? 1 << 16 : ceiling - produced
                let room = min(capacity - produced, step, Int(UInt32.max))
                stream.next_out = output + produced
                stream.avail_out = UInt32(room)
                let status = inflate(&stream, Z_NO_FLUSH)
                produced += room - Int(stream.avail_out)
                if undecided, let limit {
                    do throws(DatasetError) {
                        if let found = try limit(UnsafeBufferPointer(start: output, count: produced)) {
                            decided = found
                            undecided = false
                            if produced > found.bytes { continue } // reported at the top of the loop
                        }
                    } catch {
                        rejection = error
                        return
                    }
                }

                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    let rest = input.count - consumed + Int(stream.avail_in)
                    if rest == 0 { return }
                    let restStart = input.count - rest
                    if rest >= 2 && input[restStart] == 0x1F && input[restStart + 1] == 0x8B {
                        inflateReset(&stream) // another gzip member follows
                        continue
                    }
                    if input[restStart...].allSatisfy({ $0 == 0 }) { return } // zero padding
                    problem = "\(rest) unexpected bytes after the end of the gzip stream (at offset \(restStart))"
                    return
                case Z_BUF_ERROR:
                    if stream.avail_out == 0 { continue } // needs more room
                    if stream.avail_in == 0 && consumed < input.count { continue } // needs more input
                    if stream.avail_in == 0 {
                        problem = "gzip stream is truncated: it ended after \(input.count) compressed bytes "
                            + "and \(produced) decompressed bytes without its end marker"
                    } else {
                        problem = "cannot decompress gzip stream: zlib made no progress at compressed offset "
                            + "\(consumed - Int(stream.avail_in))"
                    }
                    return
                case Z_DATA_ERROR:
                    let detail = stream.msg.map { String(cString: $0) } ?? "invalid data"
                    problem = "corrupt gzip stream (\(detail)) near compressed offset \(consumed - Int(stream.avail_in))"
                    return
                case Z_MEM_ERROR:
                    problem = "out of memory while decompressing"
                    return
                default:
                    let detail = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    problem = "cannot decompress gzip stream: \(detail)"
                    return
                }
            }
        }
        if let rejection { throw rejection }
        if let problem { throw DatasetError(path: path, message: problem) }
        return Array(UnsafeBufferPointer(start: output, count: produced))
    }
}
