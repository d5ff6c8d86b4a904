import Foundation

/// The resolved form of a sweep that a result directory holds (`DIR/sweep.yaml`): the spec's name,
/// where it came from, and every job's id and parameters. Resuming compares a spec against it.
///
/// The file is YAML whose scalars are JSON-quoted and whose jobs are one JSON flow mapping per line,
/// so it reads back exactly without a YAML type-resolution round trip.
public struct ResolvedSweep: Sendable, Equatable {
    /// One job: its content-hash id and its relevant parameters.
    public struct Job: Codable, Sendable, Equatable {
        public var id: String
        public var params: [String: ParamValue]
    }

    public static let formatVersion = 1

    public var name: String
    public var description: String?
    /// The spec file as given on the command line.
    public var source: String
    public var jobs: [Job]

    public init(name: String, description: String?, source: String, jobs: [Job]) {
        self.name = name
        self.description = description
        self.source = source
        self.jobs = jobs
    }

    /// The resolved form of `spec`.
    public init(spec: SweepSpec) {
        self.init(name: spec.name, description: spec.description, source: spec.file,
                  jobs: spec.jobs.map { Job(id: $0.id, params: $0.params) })
    }

    /// Job ids in order.
    public var ids: [String] { jobs.map(\.id) }

    /// The file text.
    public var yaml: String {
        var lines = [
            "# The sweep this directory holds results for, written by `seplaw sweep`; do not edit.",
            "# Resuming compares the spec on the command line with the jobs below (ids are content hashes).",
            "format: \(Self.formatVersion)",
            "name: \(Self.quote(name))",
        ]
        if let description { lines.append("description: \(Self.quote(description))") }
        lines.append("source: \(Self.quote(source))")
        lines.append("job_count: \(jobs.count)")
        lines.append("jobs:")
        let encoder = JSONCoding.encoder()
        for job in jobs {
            let text = (try? encoder.encode(job)).map { String(decoding: $0, as: UTF8.self) } ?? "{\"id\":\(Self.quote(job.id))}"
            lines.append("  - " + text)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses the text of a `sweep.yaml` written by `yaml`.
    public static func parse(_ text: String, file: String) throws(StoreError) -> ResolvedSweep {
        var name: String?, description: String?, source = "", format: Int?
        var jobs: [Job] = []
        let decoder = JSONCoding.decoder()
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            if line.hasPrefix("  - ") {
                do {
                    jobs.append(try decoder.decode(Job.self, from: Data(line.dropFirst(4).utf8)))
                } catch {
                    throw StoreError(path: file, message: "line \(index + 1): not a job entry (\(ResultsFile.describe(error))); "
                                     + "the file was edited or damaged; restore it or rerun with --force")
                }
            } else if let value = field("format", line) {
                format = Int(value)
            } else if let value = field("name", line) {
                name = unquote(value)
            } else if let value = field("description", line) {
                description = unquote(value)
            } else if let value = field("source", line) {
                source = unquote(value)
            }
        }
        guard let format, let name else {
            throw StoreError(path: file, message: "not a sweep.yaml written by seplaw (no format: or name: line)")
        }
        guard format == formatVersion else {
            throw StoreError(path: file, message: "format \(format) is not supported (this seplaw writes format \(formatVersion))")
        }
        return ResolvedSweep(name: name, description: description, source: source, jobs: jobs)
    }

    private static func field(_ key: String, _ line: String) -> String? {
        line.hasPrefix(key + ": ") ? String(line.dropFirst(key.count + 2)) : nil
    }

    static func quote(_ text: String) -> String {
        (try? JSONCoding.encoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    private static func unquote(_ text: String) -> String {
        (try? JSONCoding.decoder().decode(String.self, from: Data(text.utf8))) ?? text
    }
}
