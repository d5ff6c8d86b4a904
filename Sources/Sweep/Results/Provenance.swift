import BuildInfo
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which build of seplaw produced a result, where and when: recorded in every `JobResult` (absent in
/// results written before it existed) and in `sweep.yaml`.
public struct Provenance: Codable, Sendable, Equatable {
    /// The format of `results.jsonl` lines this build writes (raise it when a field changes meaning).
    public static let resultsFormatVersion = 2

    /// seplaw's version (`BuildInfo.version`).
    public var version: String
    /// The git commit of the build, when known.
    public var commit: String?
    /// Whether the build's tree had uncommitted changes, when known.
    public var dirty: Bool?
    public var host: String?
    /// When the job started and ended, UTC ISO 8601 (`2026-11-29T20:41:07Z`).
    public var started: String?
    public var finished: String?
    /// `resultsFormatVersion` of the writer.
    public var resultsFormat: Int

    enum CodingKeys: String, CodingKey {
        case version, commit, dirty, host, started, finished
        case resultsFormat = "results_format"
    }

    public init(version: String, commit: String?, dirty: Bool?, host: String?, started: String?, finished: String?,
                resultsFormat: Int = Provenance.resultsFormatVersion) {
        self.version = version
        self.commit = commit
        self.dirty = dirty
        self.host = host
        self.started = started
        self.finished = finished
        self.resultsFormat = resultsFormat
    }

    /// This build on this host, for a job that ran from `started` to `finished`.
    public static func current(started: Date?, finished: Date?) -> Provenance {
        Provenance(version: BuildInfo.version, commit: BuildInfo.commit, dirty: BuildInfo.dirty, host: hostName,
                   started: started.map(timestamp), finished: finished.map(timestamp))
    }

    /// `version (commit abcdef123456, dirty)`: the build, for messages.
    public var build: String {
        guard let commit else { return "\(version) (commit unknown)" }
        return "\(version) (commit \(commit.prefix(12))\(dirty == true ? ", dirty" : ""))"
    }

    /// The host name, without a domain (from `gethostname`: no name lookup, which can hang without DNS).
    public static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.split(separator: ".").first.map(String.init) ?? (name.isEmpty ? "unknown" : name)
    }

    /// UTC ISO 8601 with seconds: `2026-11-29T20:41:07Z`.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
