#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linalg

/// Writes `.npy` files (format 1.0, little-endian, C order) as NumPy does: the header, then rows appended
/// in order. `finish()` checks that exactly the declared data was written.
public final class NumPyWriter {
    public let path: String
    public let header: NumPyHeader
    private var descriptor: Int32
    private var written = 0

    /// Creates (or truncates) `path` for an array of `shape` and `elementType`, and writes the header.
    public init(path: String, elementType: NumPyElementType, shape: [Int]) throws(FeatureFileError) {
        self.path = path
        do {
            header = try NumPyHeader(elementType: elementType, shape: shape)
        } catch {
            throw FeatureFileError(path: path, message: error.message)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw FeatureFileError(path: path, message: "cannot create: \(NumPyFile.errorText(errno))") }
        descriptor = fd
        try writeBytes(header.encoded())
        written = 0
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Appends Float32 values (the writer's type must be float32).
    public func append(_ values: UnsafeBufferPointer<Float>) throws(FeatureFileError) {
        guard header.elementType == .float32 else { throw mismatch("float32") }
        try writeBytes(UnsafeRawBufferPointer(values))
    }

    /// Appends Float64 values (the writer's type must be float64).
    public func append(_ values: UnsafeBufferPointer<Double>) throws(FeatureFileError) {
        guard header.elementType == .float64 else { throw mismatch("float64") }
        try writeBytes(UnsafeRawBufferPointer(values))
    }

    /// Appends integers (the writer's type must be int64).
    public func append(_ values: [Int]) throws(FeatureFileError) {
        guard header.elementType == .int64 else { throw mismatch("int64") }
        let little = values.map { Int64($0).littleEndian }
        try writeBytes(little.withUnsafeBytes { Array($0) })
    }

    /// Closes the file after checking that the data matches the header's shape.
    public func finish() throws(FeatureFileError) {
        defer {
            close(descriptor)
            descriptor = -1
        }
        guard written == header.dataByteCount else {
            throw FeatureFileError(path: path, message: "wrote \(written) data bytes, the shape needs \(header.dataByteCount)")
        }
        guard fsync(descriptor) == 0 || errno == EINVAL else {
            throw FeatureFileError(path: path, message: "cannot sync: \(NumPyFile.errorText(errno))")
        }
    }

    /// Writes an n × p Float32 matrix as a float32 array of shape (n, p).
    public static func write(_ matrix: Matrix<Float>, to path: String) throws(FeatureFileError) {
        let writer = try NumPyWriter(path: path, elementType: .float32, shape: [matrix.rows, matrix.cols])
        let failure = matrix.storage.withUnsafeBufferPointer { values -> FeatureFileError? in
            do throws(FeatureFileError) { try writer.append(values) } catch { return error }
            return nil
        }
        if let failure { throw failure }
        try writer.finish()
    }

    /// Writes integer labels as an int64 array of shape (n,).
    public static func write(labels: [Int], to path: String) throws(FeatureFileError) {
        let writer = try NumPyWriter(path: path, elementType: .int64, shape: [labels.count])
        try writer.append(labels)
        try writer.finish()
    }

    private func mismatch(_ type: String) -> FeatureFileError {
        FeatureFileError(path: path, message: "cannot append \(type) values to an array of '\(header.descr)'")
    }

    private func writeBytes(_ raw: UnsafeRawBufferPointer) throws(FeatureFileError) {
        guard let base = raw.baseAddress else { return }
        var done = 0
        while done < raw.count {
            let n = posixWrite(descriptor, base.advanced(by: done), raw.count - done)
            if n > 0 {
                done += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                throw FeatureFileError(path: path, message: "cannot write: \(NumPyFile.errorText(errno))")
            }
        }
        written += raw.count
    }

    private func writeBytes(_ bytes: [UInt8]) throws(FeatureFileError) {
        let failure = bytes.withUnsafeBytes { raw -> FeatureFileError? in
            do throws(FeatureFileError) { try writeBytes(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }
}

/// POSIX `write`, named apart from the writer's own methods.
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
