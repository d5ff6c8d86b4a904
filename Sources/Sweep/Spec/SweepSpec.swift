import Foundation

/// A parsed, validated and expanded sweep definition (one `Configs/*.yaml` file).
///
/// Job order is deterministic: case-major (cases in file order), then grid combinations (grid keys in
/// file order, the last key varying fastest), then seeds (in `seeds` order, fastest of all). Jobs with an
/// id already seen are dropped, keeping the first occurrence.
public struct SweepSpec: Sendable {
    /// Most jobs one spec may expand to, before de-duplication.
    public static let maximumJobs = 1_000_000

    /// `name:` from the file, or the file's base name without extension.
    public let name: String
    /// `description:` from the file, if any.
    public let description: String?
    /// The file this spec came from (as given).
    public let file: String
    /// The expanded jobs, in the order described above, without duplicate ids.
    public let jobs: [JobSpec]

    /// Reads and parses the spec at `path`.
    public static func load(path: String) throws(SpecError) -> SweepSpec {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SpecError(file: path, key: nil, message: "file not found")
        }
        guard !isDirectory.boolValue else {
            throw SpecError(file: path, key: nil, message: "is a directory, expected a YAML file")
        }
        // A FIFO would block the read below forever and a device such as /dev/zero never ends.
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw SpecError(file: path, key: nil,
                            message: "not a regular file (a FIFO, device or socket); expected a YAML file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, key: nil, message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(file: path, key: nil, message: "not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses spec text; `file` is used in error messages and for the default name.
    public static func parse(yaml: String, file: String) throws(SpecError) -> SweepSpec {
        let document = try SpecDocument(yaml: yaml, file: file)
        let jobs = try document.expand()
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return SweepSpec(name: document.name ?? (fallbackName.isEmpty ? "sweep" : fallbackName),
                         description: document.description, file: file, jobs: jobs)
    }

    /// Creates a spec from already-resolved jobs (duplicates are not removed here).
    public init(name: String, description: String? = nil, file: String, jobs: [JobSpec]) {
        self.name = name
        self.description = description
        self.file = file
        self.jobs = jobs
    }

    /// The dotted keys whose value differs between jobs (or is present in only some), sorted; `seed` excluded.
    public var varyingKeys: [String] {
        guard let first = jobs.first?.params else { return [] }
        var keys = Set<String>()
        var union = Set(first.keys)
        for job in jobs.dropFirst() {
            let params = job.params
            union.formUnion(params.keys)
            for key in union where params[key] != first[key] { keys.insert(key) }
        }
        keys.remove("seed")
        return keys.sorted()
    }
}
