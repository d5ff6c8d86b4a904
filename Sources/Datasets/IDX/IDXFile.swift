/// A parsed IDX file (the MNIST family's format) with an unsigned-byte payload.
///
/// Layout: two zero bytes, a type code (only 0x08, unsigned byte, is accepted), the number of
/// dimensions, each dimension as a big-endian 32-bit integer, then the payload in row-major order.
public struct IDXFile: Sendable, Equatable {
    /// The size of each dimension, outermost first (for images: count, height, width).
    public let dimensions: [Int]
    /// The payload, row-major; its length is the product of `dimensions`.
    public let bytes: [UInt8]

    /// An IDX file from its parts; `bytes.count` must equal the product of `dimensions`.
    public init?(dimensions: [Int], bytes: [UInt8]) {
        guard let size = IDXFile.elementCount(dimensions), size == bytes.count else { return nil }
        self.dimensions = dimensions
        self.bytes = bytes
    }

    private init(checkedDimensions: [Int], bytes: [UInt8]) {
        self.dimensions = checkedDimensions
        self.bytes = bytes
    }

    /// Reads and parses the IDX file at `path`, decompressing it first when it starts with the gzip
    /// magic bytes 1f 8b (whatever its name).
    public static func read(path: String) throws(DatasetError) -> IDXFile {
        try read(path: path, expectedDimensions: nil)
    }

    /// Parses IDX bytes (already decompressed); `path` only names the source in error messages.
    public static func parse(_ data: [UInt8], path: String) throws(DatasetError) -> IDXFile {
        try parse(data, path: path, expectedDimensions: nil)
    }

    /// `read(path:)`, also requiring `expectedDimensions` dimensions when it is given.
    static func read(path: String, expectedDimensions: Int?) throws(DatasetError) -> IDXFile {
        let raw = try FileReader.readAll(path: path)
        if Gzip.isGzip(raw) {
            // Decompress no further than the header's declared size and a little (so that the error about
            // extra bytes can still say how many when there are only a few).
            let limit: Gzip.LimitFromPrefix = { (prefix) throws(DatasetError) -> Gzip.OutputLimit? in
                guard let header = try header(prefix, path: path, expectedDimensions: expectedDimensions) else {
                    return nil
                }
                let (total, overflow) = header.totalSize.addingReportingOverflow(trailingSlack)
                return Gzip.OutputLimit(bytes: overflow ? Int.max : total, reason:
                    "past the size its IDX header declares (\(header.shapeText): \(header.payloadSize) bytes after "
                    + "the \(header.size)-byte header) and \(trailingSlack) bytes more")
            }
            let data = try Gzip.decompress(raw, path: path, limit: limit)
            return try parse(data, path: path, expectedDimensions: expectedDimensions)
        }
        if path.hasSuffix(".gz") && !(raw.count >= 2 && raw[0] == 0 && raw[1] == 0) {
            throw DatasetError(path: path, message: "named .gz but is neither gzip (magic 1f 8b) nor plain IDX; "
                + "found first bytes \(hexBytes(raw.prefix(4)))")
        }
        return try parse(raw, path: path, expectedDimensions: expectedDimensions)
    }

    /// `parse(_:path:)`, also requiring `expectedDimensions` dimensions when it is given.
    static func parse(_ data: [UInt8], path: String, expectedDimensions: Int?) throws(DatasetError) -> IDXFile {
        let found = try data.withUnsafeBufferPointer { (bytes) throws(DatasetError) -> Header? in
            try header(bytes, path: path, expectedDimensions: expectedDimensions)
        }
        guard let header = found else {
            if data.count < 4 {
                throw DatasetError(path: path, message: "truncated header: expected IDX magic "
                    + "\(expectedMagic(expectedDimensions)), but the file holds only \(data.count) bytes")
            }
            let rank = Int(data[3])
            throw DatasetError(path: path, message: "truncated header: \(rank) dimensions need \(4 + 4 * rank) header "
                + "bytes, but the file holds only \(data.count) bytes")
        }
        let payload = data.count - header.size
        let size = header.payloadSize
        if payload < size {
            throw DatasetError(path: path, message: "truncated payload: dimensions \(header.shapeText) need \(size) bytes "
                + "after the \(header.size)-byte header, found \(payload)")
        }
        if payload > size {
            throw DatasetError(path: path, message: "\(payload - size) unexpected bytes after the payload: dimensions "
                + "\(header.shapeText) need \(size) bytes after the \(header.size)-byte header, found \(payload)")
        }
        return IDXFile(checkedDimensions: header.dimensions, bytes: Array(data[header.size...]))
    }

    /// How many bytes past its declared size a gzip'd IDX stream is decompressed before it is refused.
    static let trailingSlack = 1 << 16

    /// What an IDX header declares.
    struct Header {
        var dimensions: [Int]
        /// Bytes of the header itself: 4 + 4 × the number of dimensions.
        var size: Int
        /// Bytes of payload the dimensions need.
        var payloadSize: Int
        /// Header and payload together (`Int.max` when that does not fit).
        var totalSize: Int {
            let (total, overflow) = size.addingReportingOverflow(payloadSize)
            return overflow ? Int.max : total
        }
        /// The dimensions as `60000×28×28`.
        var shapeText: String { dimensions.map(String.init).joined(separator: "×") }
    }

    /// The header at the start of `data`, `nil` when `data` is too short to hold all of it; throws when
    /// what is there is not an IDX header of unsigned bytes (with `expectedDimensions` dimensions when given).
    static func header(_ data: UnsafeBufferPointer<UInt8>, path: String,
                       expectedDimensions: Int?) throws(DatasetError) -> Header? {
        guard data.count >= 4 else { return nil }
        let expected = expectedMagic(expectedDimensions)
        let found = "0x" + data[0..<4].map { hex2(Int($0)) }.joined()
        guard data[0] == 0, data[1] == 0 else {
            throw DatasetError(path: path, message: "expected IDX magic \(expected), found \(found); not an IDX file")
        }
        guard data[2] == 0x08 else {
            throw DatasetError(path: path, message: "expected IDX magic \(expected), found \(found): "
                + "type code 0x\(hex2(Int(data[2]))) (\(typeName(data[2]))) is not supported, only 0x08 (unsigned byte)")
        }
        let rank = Int(data[3])
        if let expectedDimensions, rank != expectedDimensions {
            throw DatasetError(path: path, message: "expected IDX magic \(expected), found \(found): "
                + "\(rank) dimensions where \(expectedDimensions) were expected")
        }
        guard rank >= 1 else {
            throw DatasetError(path: path, message: "IDX header declares 0 dimensions (magic \(found))")
        }
        let headerSize = 4 + 4 * rank
        guard data.count >= headerSize else { return nil }
        var dimensions: [Int] = []
        dimensions.reserveCapacity(rank)
        for d in 0..<rank {
            let o = 4 + 4 * d
            dimensions.append(Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3]))
        }
        guard let size = elementCount(dimensions) else {
            throw DatasetError(path: path, message: "IDX dimensions \(dimensions.map(String.init).joined(separator: "×")) "
                + "describe a payload too large to address")
        }
        return Header(dimensions: dimensions, size: headerSize, payloadSize: size)
    }

    private static func expectedMagic(_ expectedDimensions: Int?) -> String {
        expectedDimensions.map { "0x000008" + hex2($0) } ?? "0x000008NN (unsigned bytes, NN dimensions)"
    }

    /// The product of `dimensions`, or nil when one is negative or the product overflows.
    static func elementCount(_ dimensions: [Int]) -> Int? {
        var size = 1
        for d in dimensions {
            guard d >= 0 else { return nil }
            let (product, overflow) = size.multipliedReportingOverflow(by: d)
            guard !overflow else { return nil }
            size = product
        }
        return size
    }

    private static func typeName(_ code: UInt8) -> String {
        switch code {
        case 0x09: return "signed byte"
        case 0x0B: return "16-bit integer"
        case 0x0C: return "32-bit integer"
        case 0x0D: return "32-bit float"
        case 0x0E: return "64-bit float"
        default: return "unknown type"
        }
    }
}

func hex2(_ value: Int) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return digits.count < 2 ? "0" + digits : digits
}

func hexBytes(_ bytes: ArraySlice<UInt8>) -> String {
    bytes.isEmpty ? "(none)" : bytes.map { hex2(Int($0)) }.joined(separator: " ")
}
