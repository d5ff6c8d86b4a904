#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open `.npy` file whose header has been validated against the file's size; its data is read on demand,
/// rows at a time, so arrays larger than memory can be streamed.
///
/// The first dimension is the row (point) count; the remaining dimensions are flattened, in C order, into
/// one row of `rowLength` values. Fortran-ordered arrays are refused (rows would not be contiguous).
/// Floating-point reads refuse NaN and infinities, naming the row and column.
public final class NumPyFile {
    public let path: String
    public let header: NumPyHeader
    private let descriptor: Int32
    /// Raw bytes of the last block read (reused between reads).
    private var scratch: [UInt8] = []

    /// Where the array starts in the open file (non-zero for a member stored in a `.npz` archive).
    private let base: Int

    /// Opens `path` and validates its header and size.
    public convenience init(path: String) throws(FeatureFileError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FeatureFileError(path: path, message: "cannot open: \(Self.errorText(errno))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw FeatureFileError(path: path, message: "cannot stat: \(Self.errorText(errno))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FeatureFileError(path: path, message: "is not a regular file")
        }
        try self.init(descriptor: fd, base: 0, length: Int(info.st_size), path: path)
    }

    /// The array held in bytes `base..<base + length` of the open file `fd`, which it then owns (and closes,
    /// also when the header is refused). `path` names it in errors.
    init(descriptor fd: Int32, base: Int, length size: Int, path: String) throws(FeatureFileError) {
        self.path = path
        self.base = base
        do throws(FeatureFileError) {
            var prefix = try Self.read(fd, offset: base, count: min(size, NumPyHeader.prefixLength), path: path)
            if prefix.count >= 10, prefix[6] >= 1, prefix[6] <= 3 {
                // Read exactly the declared header (bounded by the parser's limit) and parse it.
                let lengthSize = prefix[6] == 1 ? 2 : 4
                var length = 0
                for b in 0..<lengthSize where 8 + b < prefix.count { length |= Int(prefix[8 + b]) << (8 * b) }
                let total = 8 + lengthSize + min(length, NumPyHeader.maximumHeaderLength + 1)
                prefix = try Self.read(fd, offset: base, count: min(size, total), path: path)
            }
            let header = try NumPyHeader.parse(prefix, path: path)
            if header.fortranOrder {
                throw FeatureFileError(path: path, message: "is stored in Fortran (column-major) order; save it in C order "
                    + "(numpy.ascontiguousarray) so that each point's features are contiguous")
            }
            let expected = header.dataOffset + header.dataByteCount
            if size < expected {
                throw FeatureFileError(path: path, message: "truncated: shape \(Self.shapeText(header.shape)) of '\(header.descr)' "
                    + "needs \(header.dataByteCount) data bytes after the \(header.dataOffset)-byte header, but the file holds "
                    + "\(size - header.dataOffset)")
            }
            if size > expected {
                throw FeatureFileError(path: path, message: "\(size - expected) bytes follow the data of shape "
                    + "\(Self.shapeText(header.shape)) of '\(header.descr)'; the file is not one array (or its header is wrong)")
            }
            self.header = header
        } catch {
            close(fd)
            throw error
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// The number of rows (the first dimension; 1 for a 0-d array).
    public var rowCount: Int { header.shape.first ?? 1 }

    /// Values per row: the product of the dimensions after the first (1 for a 1-d array).
    public var rowLength: Int { header.shape.dropFirst().reduce(1, *) }

    /// Reads rows `rows` into `buffer` (rows.count × rowLength Float32 values); float16 and float32 files only.
    public func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>) throws(FeatureFileError) {
        switch header.elementType {
        case .float16, .float32: break
        default:
            throw FeatureFileError(path: path, message: "holds '\(header.descr)' values, not float16/float32 features")
        }
        let bytes = try rawRows(rows, capacity: buffer.count)
        let count = rows.count * rowLength
        bytes.withUnsafeBytes { raw in
            if header.elementType == .float16 {
                for e in 0..<count {
                    var bits = raw.loadUnaligned(fromByteOffset: 2 * e, as: UInt16.self)
                    if header.bigEndian { bits = bits.byteSwapped }
                    buffer[e] = Float(Float16(bitPattern: bits))
                }
            } else {
                for e in 0..<count {
                    var bits = raw.loadUnaligned(fromByteOffset: 4 * e, as: UInt32.self)
                    if header.bigEndian { bits = bits.byteSwapped }
                    buffer[e] = Float(bitPattern: bits)
                }
            }
        }
        try checkFinite(UnsafeBufferPointer(rebasing: buffer[0..<count]), firstRow: rows.lowerBound)
    }

    /// Reads rows `rows` into `buffer` as Float64 (exact for every float type).
    public func readRows(_ rows: Range<Int>, into buffer: UnsafeMutableBufferPointer<Double>) throws(FeatureFileError) {
        guard header.elementType.isFloatingPoint else {
            throw FeatureFileError(path: path, message: "holds '\(header.descr)' values, not floating-point features")
        }
        let bytes = try rawRows(rows, capacity: buffer.count)
        let count = rows.count * rowLength
        let big = header.bigEndian
        bytes.withUnsafeBytes { raw in
            switch header.elementType {
            case .float16:
                for e in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: 2 * e, as: UInt16.self)
                    buffer[e] = Double(Float16(bitPattern: big ? bits.byteSwapped : bits))
                }
            case .float32:
                for e in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: 4 * e, as: UInt32.self)
                    buffer[e] = Double(Float(bitPattern: big ? bits.byteSwapped : bits))
                }
            default:
                for e in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: 8 * e, as: UInt64.self)
                    buffer[e] = Double(bitPattern: big ? bits.byteSwapped : bits)
                }
            }
        }
        try checkFinite(UnsafeBufferPointer(rebasing: buffer[0..<count]), firstRow: rows.lowerBound)
    }

    /// The whole array as integers (labels); refuses float arrays and values that do not fit an `Int`.
    public func readIntegers() throws(FeatureFileError) -> [Int] {
        let type = header.elementType
        guard !type.isFloatingPoint else {
            throw FeatureFileError(path: path, message: "holds '\(header.descr)' floats; labels must be integers (int8…int64, uint8…uint64)")
        }
        let count = header.elementCount
        let bytes = try Self.read(descriptor, offset: base + header.dataOffset, count: header.dataByteCount, path: path)
        guard bytes.count == header.dataByteCount else {
            throw FeatureFileError(path: path, message: "truncated while reading: \(bytes.count) of \(header.dataByteCount) data bytes")
        }
        var values = [Int](repeating: 0, count: count)
        let big = header.bigEndian, size = type.size
        var overflowIndex: Int?
        bytes.withUnsafeBytes { raw in
            for e in 0..<count {
                var bits: UInt64 = 0
                for b in 0..<size {
                    let byte = UInt64(raw[e * size + (big ? size - 1 - b : b)])
                    bits |= byte << (8 * UInt64(b))
                }
                switch type {
                case .int8: values[e] = Int(Int8(truncatingIfNeeded: bits))
                case .int16: values[e] = Int(Int16(truncatingIfNeeded: bits))
                case .int32: values[e] = Int(Int32(truncatingIfNeeded: bits))
                case .int64: values[e] = Int(Int64(bitPattern: bits))
                default:
                    if bits > UInt64(Int.max) {
                        if overflowIndex == nil { overflowIndex = e }
                    } else {
                        values[e] = Int(bits)
                    }
                }
            }
        }
        if let overflowIndex {
            throw FeatureFileError(path: path, message: "value at index \(overflowIndex) does not fit a signed 64-bit integer")
        }
        return values
    }

    /// The raw bytes of `rows`, after checking the range and that `capacity` values fit them.
    private func rawRows(_ rows: Range<Int>, capacity: Int) throws(FeatureFileError) -> [UInt8] {
        guard rows.lowerBound >= 0, rows.upperBound <= rowCount else {
            throw FeatureFileError(path: path, message: "rows \(rows) are outside 0..<\(rowCount)")
        }
        let count = rows.count * rowLength
        guard capacity >= count else {
            throw FeatureFileError(path: path, message: "buffer of \(capacity) values is too small for \(rows.count) rows of \(rowLength)")
        }
        let rowBytes = rowLength * header.elementType.size
        let bytes = try Self.read(descriptor, offset: base + header.dataOffset + rows.lowerBound * rowBytes,
                                  count: rows.count * rowBytes, path: path, reuse: &scratch)
        guard bytes == rows.count * rowBytes else {
            throw FeatureFileError(path: path, message: "truncated while reading rows \(rows): the file shrank since it was opened")
        }
        return scratch
    }

    private func checkFinite<T: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<T>, firstRow: Int) throws(FeatureFileError) {
        var allFinite = true
        for v in values where !v.isFinite { allFinite = false; break }
        if allFinite { return }
        let index = values.firstIndex(where: { !$0.isFinite }) ?? 0
        let width = max(rowLength, 1)
        throw FeatureFileError(path: path, message: "value at row \(firstRow + index / width), column \(index % width) is "
            + "\(Double(values[index])); features must be finite")
    }

    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Reads `count` bytes at `offset` into a fresh array (fewer at the end of the file).
    static func read(_ fd: Int32, offset: Int, count: Int, path: String) throws(FeatureFileError) -> [UInt8] {
        var bytes: [UInt8] = []
        let filled = try read(fd, offset: offset, count: count, path: path, reuse: &bytes)
        return Array(bytes.prefix(filled))
    }

    /// Reads up to `count` bytes at `offset` into `buffer` (grown as needed); returns how many were read.
    static func read(_ fd: Int32, offset: Int, count: Int, path: String, reuse buffer: inout [UInt8]) throws(FeatureFileError) -> Int {
        if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
        var filled = 0, failure: Int32 = 0
        buffer.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            while filled < count {
                let n = pread(fd, base + filled, count - filled, off_t(offset + filled))
                if n > 0 {
                    filled += n
                } else if n == 0 {
                    break
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
        if failure != 0 { throw FeatureFileError(path: path, message: "cannot read: \(errorText(failure))") }
        return filled
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
