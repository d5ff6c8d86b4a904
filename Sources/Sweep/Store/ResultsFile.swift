import Foundation

/// The parsed contents of a `results.jsonl`: one `JobResult` per line, read tolerantly. A torn last
/// line (an interrupted write) and corrupt lines are skipped with a warning, never a crash.
public struct ResultsFile: Sendable {
    /// One valid line.
    public struct Entry: Sendable {
        public let id: String
        /// The line exactly as stored (without its newline), so rewriting keeps results bit for bit.
        public let line: String
        public let result: JobResult
    }

    /// The file this was read from.
    public let path: String
    /// Valid lines in file order (an id may repeat; the last one counts).
    public private(set) var entries: [Entry] = []
    /// What was skipped and why, one message per problem.
    public private(set) var warnings: [String] = []
    /// Bytes of a final line without a newline that is not a valid result (to be cut off), if any.
    public private(set) var tornBytes = 0
    /// Whether the file ends in a valid result that lacks only its newline.
    public private(set) var missingFinalNewline = false

    /// Most bytes one line may take (a result with dynamics of a long run takes a few MB); longer lines are
    /// skipped with a warning rather than decoded.
    public static let maximumLineBytes = 16 << 20
    /// Most bytes of a result's message kept; a longer one is cut (with a warning) so it cannot swell every output.
    public static let maximumMessageBytes = 4096

    /// Reads `path`; a missing file reads as empty.
    public static func read(path: String) throws(StoreError) -> ResultsFile {
        guard let data = try FileIO.read(path) else { return ResultsFile(path: path) }
        return ResultsFile(path: path, data: data)
    }

    /// Parses `data` (the contents of `path`).
    public init(path: String, data: Data = Data()) {
        self.path = path
        let decoder = JSONCoding.decoder()
        let bytes = [UInt8](data)
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            lineNumber += 1
            let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? bytes.count
            let slice = bytes[start..<end]
            start = end + 1
            if slice.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) { continue }
            var decoded: JobResult?
            var failure = "unreadable"
            if slice.count > Self.maximumLineBytes {
                failure = "\(slice.count) bytes, more than the \(Self.maximumLineBytes >> 20) MiB a result may take"
            } else {
                do {
                    decoded = try decoder.decode(JobResult.self, from: Data(slice))
                } catch {
                    failure = Self.describe(error)
                }
            }
            if let message = decoded?.message, message.utf8.count > Self.maximumMessageBytes {
                var cut = String(decoding: message.utf8.prefix(Self.maximumMessageBytes), as: UTF8.self)
                if cut.last == "\u{FFFD}" { cut.removeLast() }
                decoded?.message = cut + "… (\(message.utf8.count - cut.utf8.count) more bytes cut)"
                warnings.append("\(path): line \(lineNumber): the message of job \(decoded?.id.prefix(64) ?? "") has "
                                + "\(message.utf8.count) bytes; cut to \(Self.maximumMessageBytes)")
            }
            if newline == nil {
                if let decoded {
                    missingFinalNewline = true
                    entries.append(Entry(id: decoded.id, line: String(decoding: slice, as: UTF8.self), result: decoded))
                } else {
                    tornBytes = slice.count
                    warnings.append("\(path): line \(lineNumber): ignoring a torn last line (\(slice.count) bytes) left by an "
                                    + "interrupted run; its job will run again")
                }
                continue
            }
            guard let decoded else {
                warnings.append("\(path): line \(lineNumber): not a valid result (\(failure)); ignored, its job will run again")
                continue
            }
            entries.append(Entry(id: decoded.id, line: String(decoding: slice, as: UTF8.self), result: decoded))
        }
    }

    /// The last result of each job id.
    public var latest: [String: JobResult] {
        var map: [String: JobResult] = [:]
        for entry in entries { map[entry.id] = entry.result }
        return map
    }

    /// The last entry of each id, in the order of their last occurrence.
    var latestEntries: [Entry] {
        var lastIndex: [String: Int] = [:]
        for (index, entry) in entries.enumerated() { lastIndex[entry.id] = index }
        return entries.enumerated().filter { lastIndex[$0.element.id] == $0.offset }.map(\.element)
    }

    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .dataCorrupted(let context)?:
            return context.debugDescription
        case .keyNotFound(let key, _)?:
            return "missing key \(key.stringValue)"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
