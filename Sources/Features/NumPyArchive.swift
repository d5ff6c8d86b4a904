#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// A NumPy `.npz` archive (`numpy.savez` / `savez_compressed`): a zip file of `.npy` members, read through its
/// central directory (zip64 included). Stored members are read in place; deflated ones are inflated, with their
/// CRC-32 checked, into an unlinked temporary file (in `TMPDIR`), so that memory stays bounded either way.
public final class NumPyArchive {
    /// One `.npy` member.
    struct Member {
        let name: String
        let compressed: Bool
        let compressedSize: Int
        let size: Int
        let crc: UInt32
        let localHeaderOffset: Int
    }

    public let path: String
    /// Array names (member names without `.npy`) in archive order.
    public let names: [String]
    private let members: [String: Member]
    private let fileSize: Int

    /// Largest number of members accepted.
    static let maximumMembers = 100_000

    public init(path: String) throws(FeatureFileError) {
        self.path = path
        func fail(_ message: String) -> FeatureFileError { FeatureFileError(path: path, message: message) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw fail("cannot open: \(NumPyFile.errorText(errno))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw fail("is not a regular file") }
        let size = Int(info.st_size)
        fileSize = size

        // End of central directory: the last 22..65,557 bytes.
        let tailLength = min(size, 22 + 65_535)
        let tail = try NumPyFile.read(fd, offset: size - tailLength, count: tailLength, path: path)
        guard tail.count >= 22, let eocd = (0...(tail.count - 22)).reversed().first(where: { tail.u32($0) == 0x0605_4B50 }) else {
            throw fail("not a .npz (zip) archive: no end-of-central-directory record")
        }
        var entryCount = Int(tail.u16(eocd + 10))
        var directorySize = Int(tail.u32(eocd + 12))
        var directoryOffset = Int(tail.u32(eocd + 16))
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the end record and points at the zip64 end record.
            let locatorAt = size - tailLength + eocd - 20
            guard locatorAt >= 0 else { throw fail("truncated zip64 end-of-central-directory locator") }
            let locator = try NumPyFile.read(fd, offset: locatorAt, count: 20, path: path)
            guard locator.count == 20, locator.u32(0) == 0x0706_4B50 else { throw fail("missing zip64 end-of-central-directory locator") }
            let recordAt = try Self.int(locator.u64(8), path: path)
            let record = try NumPyFile.read(fd, offset: min(recordAt, size), count: 56, path: path)
            guard record.count == 56, record.u32(0) == 0x0606_4B50 else { throw fail("bad zip64 end-of-central-directory record") }
            entryCount = try Self.int(record.u64(32), path: path)
            directorySize = try Self.int(record.u64(40), path: path)
            directoryOffset = try Self.int(record.u64(48), path: path)
        }
        guard entryCount <= Self.maximumMembers else { throw fail("declares \(entryCount) members, over the limit of \(Self.maximumMembers)") }
        guard directoryOffset <= size, directorySize <= size - directoryOffset else {
            throw fail("truncated: the central directory (\(directorySize) bytes at \(directoryOffset)) lies beyond the file's \(size) bytes")
        }
        let directory = try NumPyFile.read(fd, offset: directoryOffset, count: directorySize, path: path)

        var names: [String] = [], members: [String: Member] = [:]
        var at = 0
        for index in 0..<entryCount {
            guard at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 else {
                throw fail("central directory entry \(index) is truncated or corrupt")
            }
            let flags = directory.u16(at + 8), method = directory.u16(at + 10)
            let crc = directory.u32(at + 16)
            var compressedSize = UInt64(directory.u32(at + 20)), memberSize = UInt64(directory.u32(at + 24))
            let nameLength = Int(directory.u16(at + 28)), extraLength = Int(directory.u16(at + 30))
            let commentLength = Int(directory.u16(at + 32))
            var localOffset = UInt64(directory.u32(at + 42))
            let end = at + 46 + nameLength + extraLength + commentLength
            guard end <= directory.count else { throw fail("central directory entry \(index) is truncated") }
            guard let fullName = String(validating: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self) else {
                throw fail("member \(index) has a name that is not UTF-8")
            }
            // Zip64 extra field: the 64-bit values of the fields saturated above, in this order.
            var extra = at + 46 + nameLength
            while extra + 4 <= at + 46 + nameLength + extraLength {
                let id = directory.u16(extra), length = Int(directory.u16(extra + 2))
                var field = extra + 4
                let fieldEnd = min(field + length, at + 46 + nameLength + extraLength)
                if id == 0x0001 {
                    if memberSize == 0xFFFF_FFFF, field + 8 <= fieldEnd { memberSize = directory.u64(field); field += 8 }
                    if compressedSize == 0xFFFF_FFFF, field + 8 <= fieldEnd { compressedSize = directory.u64(field); field += 8 }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= fieldEnd { localOffset = directory.u64(field) }
                }
                extra += 4 + length
            }
            at = end
            guard fullName.hasSuffix(".npy") else { continue }
            let name = String(fullName.dropLast(4))
            guard flags & 1 == 0 else { throw fail("member \(fullName) is encrypted") }
            guard method == 0 || method == 8 else {
                throw fail("member \(fullName) uses compression method \(method); only stored (0) and deflate (8) are read")
            }
            guard members[name] == nil else { throw fail("holds two members named \(fullName)") }
            let member = Member(name: name, compressed: method == 8, compressedSize: try Self.int(compressedSize, path: path),
                                size: try Self.int(memberSize, path: path), crc: crc,
                                localHeaderOffset: try Self.int(localOffset, path: path))
            guard member.localHeaderOffset <= size, member.compressedSize <= size else {
                throw fail("member \(fullName) lies beyond the end of the file")
            }
            if method == 0, member.compressedSize != member.size {
                throw fail("stored member \(fullName) declares \(member.compressedSize) stored bytes for \(member.size) bytes of data")
            }
            names.append(name)
            members[name] = member
        }
        self.names = names
        self.members = members
    }

    /// The array `name` (without `.npy`) as a `NumPyFile`, validated like a `.npy` file.
    public func array(named name: String) throws(FeatureFileError) -> NumPyFile {
        let memberPath = path + ":" + name + ".npy"
        guard let member = members[name] else {
            throw FeatureFileError(path: path, message: "has no array named '\(name)'; it holds \(names.map { "'\($0)'" }.joined(separator: ", "))")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FeatureFileError(path: path, message: "cannot open: \(NumPyFile.errorText(errno))") }
        let local: [UInt8]
        do throws(FeatureFileError) {
            local = try NumPyFile.read(fd, offset: member.localHeaderOffset, count: 30, path: memberPath)
        } catch {
            close(fd)
            throw error
        }
        guard local.count == 30, local.u32(0) == 0x0403_4B50 else {
            close(fd)
            throw FeatureFileError(path: memberPath, message: "the member's local header is missing or corrupt")
        }
        let dataStart = member.localHeaderOffset + 30 + Int(local.u16(26)) + Int(local.u16(28))
        guard dataStart <= fileSize, member.compressedSize <= fileSize - dataStart else {
            close(fd)
            throw FeatureFileError(path: memberPath, message: "truncated: the member's \(member.compressedSize) bytes run past the end of the archive")
        }
        if !member.compressed {
            return try NumPyFile(descriptor: fd, base: dataStart, length: member.size, path: memberPath)
        }
        defer { close(fd) }
        let inflated = try Self.inflate(fd, from: dataStart, count: member.compressedSize, expected: member.size,
                                        crc: member.crc, path: memberPath)
        return try NumPyFile(descriptor: inflated, base: 0, length: member.size, path: memberPath)
    }

    /// Inflates a raw deflate stream into an unlinked temporary file, checking its size and CRC-32.
    private static func inflate(_ fd: Int32, from start: Int, count: Int, expected: Int, crc expectedCRC: UInt32,
                                path: String) throws(FeatureFileError) -> Int32 {
        func fail(_ message: String) -> FeatureFileError { FeatureFileError(path: path, message: message) }
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((directory + "/seplaw-npz-XXXXXX").utf8CString)
        let output = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard output >= 0 else { throw fail("cannot create a temporary file in \(directory): \(NumPyFile.errorText(errno))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            close(output)
            throw fail("zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 20
        var input = [UInt8](repeating: 0, count: chunk), out = [UInt8](repeating: 0, count: chunk)
        var consumed = 0, produced = 0, crc = crc32(0, nil, 0), finished = false
        var inputFilled = 0, inputPosition = 0
        do throws(FeatureFileError) {
            while !finished {
                if inputPosition == inputFilled {
                    guard consumed < count else { throw fail("truncated: the compressed data ends before the deflate stream does") }
                    inputFilled = try NumPyFile.read(fd, offset: start + consumed, count: min(chunk, count - consumed), path: path, reuse: &input)
                    guard inputFilled > 0 else { throw fail("truncated: the compressed data ends early") }
                    consumed += inputFilled
                    inputPosition = 0
                }
                var made = 0
                let status = input.withUnsafeMutableBufferPointer { inputBuffer in
                    out.withUnsafeMutableBufferPointer { outBuffer in
                        stream.next_in = inputBuffer.baseAddress! + inputPosition
                        stream.avail_in = UInt32(inputFilled - inputPosition)
                        stream.next_out = outBuffer.baseAddress!
                        stream.avail_out = UInt32(chunk)
                        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        made = chunk - Int(stream.avail_out)
                        crc = crc32(crc, outBuffer.baseAddress!, UInt32(made))
                        return status
                    }
                }
                inputPosition = inputFilled - Int(stream.avail_in)
                guard status == Z_OK || status == Z_STREAM_END || (status == Z_BUF_ERROR && made == 0 && stream.avail_in == 0) else {
                    throw fail("corrupt compressed data (zlib status \(status))")
                }
                produced += made
                guard produced <= expected else { throw fail("inflates to more than the \(expected) bytes its directory entry declares") }
                var written = 0
                while written < made {
                    let n = out.withUnsafeBytes { write(output, $0.baseAddress! + written, made - written) }
                    guard n > 0 else { throw fail("cannot write the inflated member to \(directory): \(NumPyFile.errorText(errno))") }
                    written += n
                }
                finished = status == Z_STREAM_END
            }
            guard produced == expected else { throw fail("inflates to \(produced) bytes, its directory entry declares \(expected)") }
            guard UInt32(truncatingIfNeeded: crc) == expectedCRC else { throw fail("CRC-32 mismatch: the member is corrupt") }
        } catch {
            close(output)
            throw error
        }
        return output
    }

    private static func int(_ value: UInt64, path: String) throws(FeatureFileError) -> Int {
        guard value <= UInt64(1 << 50) else { throw FeatureFileError(path: path, message: "a zip size or offset (\(value)) is out of range") }
        return Int(value)
    }
}

extension Array where Element == UInt8 {
    func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
