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
    /// The command-line overrides applied to the spec file (`train.lr=0.5`), in order.
    public var overrides: [String]
    /// The build and host that wrote the file, and when (`started`); absent in files written before it existed.
    public var provenance: Provenance?

    public init(name: String, description: String?, source: String, jobs: [Job], overrides: [String] = [],
                provenance: Provenance? = nil) {
        self.name = name
        self.description = description
        self.source = source
        self.jobs = jobs
        self.overrides = overrides
        self.provenance = provenance
    }

    /// The resolved form of `spec` (without provenance).
    public init(spec: SweepSpec) {
        self.init(name: spec.name, description: spec.description, source: spec.file,
                  jobs: spec.jobs.map { Job(id: $0.id, params: $0.params) }, overrides: spec.overrides)
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
        if !overrides.isEmpty { lines.append("overrides: \(Self.json(overrides))") }
        if let provenance { lines.append("written_by: \(Self.json(provenance))") }
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
        var overrides: [String] = [], provenance: Provenance?
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
            } else if let value = field("overrides", line) {
                overrides = (try? decoder.decode([String].self, from: Data(value.utf8))) ?? []
            } else if let value = field("written_by", line) {
                provenance = try? decoder.decode(Provenance.self, from: Data(value.utf8))
            }
        }
        guard let format, let name else {
            throw StoreError(path: file, message: "not a sweep.yaml written by seplaw (no format: or name: line)")
        }
        guard format == formatVersion else {
            throw StoreError(path: file, message: "format \(format) is not supported (this seplaw writes format \(formatVersion))")
        }
        return ResolvedSweep(name: name, description: description, source: source, jobs: jobs, overrides: overrides,
                             provenance: provenance)
    }

    private static func field(_ key: String, _ line: String) -> String? {
        line.hasPrefix(key + ": ") ? String(line.dropFirst(key.count + 2)) : nil
    }

    /// One line of JSON, or `null`.
    static func json<T: Encodable>(_ value: T) -> String {
        (try? JSONCoding.line(value)) ?? "null"
    }

    static func quote(_ text: String) -> String {
        (try? JSONCoding.encoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    private static func unquote(_ text: String) -> String {
        (try? JSONCoding.decoder().decode(String.self, from: Data(text.utf8))) ?? text
    }
}
