/// The parsed header of a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and a minor version byte, the header length (little-endian
/// UInt16 in version 1, UInt32 in versions 2 and 3), then a Python dict literal with exactly the keys
/// `descr` (a type string such as `'<f4'`), `fortran_order` (`True`/`False`) and `shape` (a tuple of
/// integers), padded with spaces and ended by a newline. The data follows immediately.
public struct NumPyHeader: Sendable, Equatable {
    public let elementType: NumPyElementType
    /// Whether multi-byte elements are stored big-endian (`>`); `<` and `|` are little-endian / single bytes.
    public let bigEndian: Bool
    public let fortranOrder: Bool
    public let shape: [Int]
    /// Offset of the first data byte.
    public let dataOffset: Int
    /// Number of elements (product of `shape`; 1 for a 0-d array), checked against overflow.
    public let elementCount: Int
    /// Data bytes (`elementCount × element size`), checked against overflow.
    public let dataByteCount: Int

    /// The magic bytes every `.npy` file starts with.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// Largest header accepted (NumPy itself refuses headers over 10,000 bytes by default).
    static let maximumHeaderLength = 1 << 16
    /// Largest number of dimensions accepted (NumPy's own limit is 64).
    static let maximumDimensions = 64
    /// Largest data size accepted: 2^50 bytes (1 PiB), far beyond any disk, so sizes never overflow.
    static let maximumDataBytes = 1 << 50

    /// Bytes needed before the header text can be parsed: magic, version, and the longest length field.
    static let prefixLength = 12

    public init(elementType: NumPyElementType, bigEndian: Bool = false, fortranOrder: Bool = false, shape: [Int],
                dataOffset: Int = 0) throws(FeatureFileError) {
        self.elementType = elementType
        self.bigEndian = bigEndian
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataOffset = dataOffset
        (elementCount, dataByteCount) = try Self.sizes(shape: shape, elementSize: elementType.size, path: "")
    }

    /// Parses the header at the start of `bytes` (at least the whole header); `path` names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(FeatureFileError) -> NumPyHeader {
        func fail(_ message: String) -> FeatureFileError { FeatureFileError(path: path, message: message) }
        guard bytes.count < 6 || Array(bytes[0..<6]) == magic else {
            let found = bytes[0..<6].map { String($0, radix: 16) }.joined(separator: " ")
            throw fail("not a NumPy .npy file: expected the magic bytes 93 4e 55 4d 50 59 (\\x93NUMPY), found \(found)")
        }
        guard bytes.count >= 10 else {
            throw fail("truncated: \(bytes.count) bytes, too short for a NumPy .npy header (magic \\x93NUMPY, version, length)")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthSize: Int
        switch major {
        case 1: lengthSize = 2
        case 2, 3: lengthSize = 4
        default: throw fail("unsupported .npy format version \(major).\(minor); versions 1.0, 2.0 and 3.0 are read")
        }
        guard bytes.count >= 8 + lengthSize else {
            throw fail("truncated: the header length field of format \(major).\(minor) needs \(8 + lengthSize) bytes, the file has \(bytes.count)")
        }
        var length = 0
        for b in 0..<lengthSize { length |= Int(bytes[8 + b]) << (8 * b) }
        guard length <= maximumHeaderLength else {
            throw fail("header length \(length) exceeds the limit of \(maximumHeaderLength) bytes; the file is corrupt")
        }
        let start = 8 + lengthSize
        guard bytes.count >= start + length else {
            throw fail("truncated: the header declares \(length) bytes, but only \(bytes.count - start) follow")
        }
        guard let text = String(validating: bytes[start..<(start + length)], as: UTF8.self) else {
            throw fail("the header is not valid text")
        }
        var parser = NumPyHeaderParser(text: text, path: path)
        let fields = try parser.parseDictionary()
        guard let descr = fields.descr else { throw fail("the header has no 'descr' key: \(text.trimmed)") }
        guard let fortran = fields.fortranOrder else { throw fail("the header has no 'fortran_order' key: \(text.trimmed)") }
        guard let shape = fields.shape else { throw fail("the header has no 'shape' key: \(text.trimmed)") }
        let (type, bigEndian) = try elementType(descr: descr, path: path)
        let header: NumPyHeader
        do {
            header = try NumPyHeader(elementType: type, bigEndian: bigEndian, fortranOrder: fortran, shape: shape,
                                     dataOffset: start + length)
        } catch {
            throw fail(error.message)
        }
        return header
    }

    /// The element type and byte order of a `descr` string such as `'<f4'`.
    static func elementType(descr: String, path: String) throws(FeatureFileError) -> (NumPyElementType, Bool) {
        let supported = "float16/32/64 ('<f2', '<f4', '<f8'), signed or unsigned integers ('<i8', '|u1', …)"
        guard let order = descr.first, "<>|=".contains(order),
              let type = NumPyElementType(code: String(descr.dropFirst())) else {
            throw FeatureFileError(path: path, message: "unsupported element type '\(descr)'; supported: \(supported)")
        }
        if order == "|" && type.size != 1 {
            throw FeatureFileError(path: path, message: "element type '\(descr)' has no byte order but \(type.size)-byte elements")
        }
        return (type, order == ">")
    }

    /// Element and byte counts of `shape`, refusing negative dimensions, overflow and absurd sizes.
    static func sizes(shape: [Int], elementSize: Int, path: String) throws(FeatureFileError) -> (Int, Int) {
        guard shape.count <= maximumDimensions else {
            throw FeatureFileError(path: path, message: "shape has \(shape.count) dimensions; at most \(maximumDimensions) are accepted")
        }
        var count = 1
        for d in shape {
            guard d >= 0 else { throw FeatureFileError(path: path, message: "shape \(shape) has a negative dimension") }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow, product <= maximumDataBytes else {
                throw FeatureFileError(path: path, message: "shape \(shape) is too large (over \(maximumDataBytes) elements)")
            }
            count = product
        }
        let bytes = count * elementSize
        guard bytes <= maximumDataBytes else {
            throw FeatureFileError(path: path, message: "shape \(shape) needs \(bytes) bytes, over the limit of \(maximumDataBytes)")
        }
        return (count, bytes)
    }

    /// The descr string NumPy would write for this header: `'<f4'`, `'>i8'`, `'|u1'`.
    public var descr: String {
        (elementType.size == 1 ? "|" : bigEndian ? ">" : "<") + elementType.code
    }

    /// The bytes of a version 1.0 header (version 2.0 if it needs more than 65,535 bytes), padded with
    /// spaces so the data starts at a multiple of 64 bytes, as NumPy writes it.
    public func encoded() -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let dict = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        var version: UInt8 = 1, lengthSize = 2
        var total = 8 + lengthSize + dict.utf8.count + 1
        if (total + 63) / 64 * 64 - 10 > 65535 {
            version = 2
            lengthSize = 4
            total = 8 + lengthSize + dict.utf8.count + 1
        }
        let padded = (total + 63) / 64 * 64
        let headerLength = padded - 8 - lengthSize
        var bytes = Self.magic + [version, 0]
        for b in 0..<lengthSize { bytes.append(UInt8(truncatingIfNeeded: headerLength >> (8 * b))) }
        bytes += Array(dict.utf8)
        bytes += [UInt8](repeating: 0x20, count: padded - total)
        bytes.append(0x0A)
        return bytes
    }
}

extension String {
    /// Without surrounding whitespace (for quoting a header in messages).
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
