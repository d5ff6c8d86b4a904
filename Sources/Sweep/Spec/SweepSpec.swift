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
    /// Each job's id (`JobSpec.id`), computed once: `ids[i] == jobs[i].id`.
    public let ids: [String]
    /// Values of the file that changed nothing (grid values giving the same job as another, repeated seeds),
    /// for the user; `plan` and `sweep` print them.
    public let warnings: [String]
    /// `sourceKey(job)` → where its model keys come from in the file.
    /// The command-line overrides applied to the file (`train.lr=0.5`, `grid.model.depth=[2,4]`), in order.
    public let overrides: [String]
    let modelSources: [String: SpecLocation]

    /// Reads and parses the spec at `path`, then applies `overrides` (see `SpecDocument.apply(overrides:)`).
    public static func load(path: String, overrides: [String] = []) throws(SpecError) -> SweepSpec {
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
        return try parse(yaml: text, file: path, overrides: overrides)
    }

    /// Parses spec text; `file` is used in error messages and for the default name.
    public static func parse(yaml: String, file: String, overrides: [String] = []) throws(SpecError) -> SweepSpec {
        var document = try SpecDocument(yaml: yaml, file: file)
        try document.apply(overrides: overrides)
        let expansion = try document.expand()
        let fallbackName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return SweepSpec(name: document.name ?? (fallbackName.isEmpty ? "sweep" : fallbackName),
                         description: document.description, file: file, jobs: expansion.jobs, ids: expansion.ids,
                         overrides: overrides,
                         modelSources: expansion.modelSources, warnings: expansion.warnings)
    }

    /// Creates a spec from already-resolved jobs (duplicates are not removed here).
    public init(name: String, description: String? = nil, file: String, jobs: [JobSpec]) {
        self.init(name: name, description: description, file: file, jobs: jobs, ids: JobSpec.ids(of: jobs), overrides: [],
                  modelSources: [:], warnings: [])
    }

    private init(name: String, description: String?, file: String, jobs: [JobSpec], ids: [String], overrides: [String],
                 modelSources: [String: SpecLocation], warnings: [String]) {
        self.name = name
        self.description = description
        self.file = file
        self.jobs = jobs
        self.ids = ids
        self.overrides = overrides
        self.modelSources = modelSources
        self.warnings = warnings
    }

    /// What tells two expanded jobs apart before their data is identified: the id without a data digest and
    /// the data location (a grid over `dataset.path` gives one job per directory until the digests say which
    /// directories hold the same data).
    static func sourceKey(_ job: JobSpec) -> String {
        var plain = job
        plain.dataset.digest = nil
        return sourceKey(id: plain.id, path: plain.dataset.path)
    }

    /// `sourceKey` of a job without a data digest whose id is `id`.
    static func sourceKey(id: String, path: String?) -> String {
        id + "\u{0}" + (path ?? "")
    }

    /// This spec with each job's data identified: `digest(job.dataset)` is stored as `dataset.digest` (part of
    /// the id), and jobs that then share an id (the same data in two directories) are kept once, with a warning.
    public func identifyingData(_ digest: (DatasetConfig) -> String?) -> SweepSpec {
        var seen = Set<String>()
        var identified: [JobSpec] = []
        var identifiedIDs: [String] = []
        var warnings = self.warnings
        var repeated: [String] = []
        let digested = jobs.map { job in
            var job = job
            job.dataset.digest = digest(job.dataset)
            return job
        }
        for (job, id) in zip(digested, JobSpec.ids(of: digested)) {
            if seen.insert(id).inserted {
                identified.append(job)
                identifiedIDs.append(id)
            } else if let path = job.dataset.path, !repeated.contains(path) {
                repeated.append(path)
            }
        }
        for path in repeated {
            warnings.append("dataset.path: \(path) holds the same data as another path of the spec; its jobs are the same "
                            + "jobs and are planned once")
        }
        return SweepSpec(name: name, description: description, file: file, jobs: identified, ids: identifiedIDs, overrides: overrides,
                         modelSources: modelSources,
                         warnings: warnings)
    }

    /// An error about `job`'s model (`key` `model`), placed at the line its architecture (or image size) comes
    /// from: what the engine reports when a network does not fit its data.
    public func modelError(_ job: JobSpec, message: String) -> SpecError {
        let source = modelSources[Self.sourceKey(job)]
        return SpecError(file: file, key: "model", message: message + (source?.origin ?? ""), line: source?.line)
    }

    /// The dotted keys whose value differs between jobs (or is present in only some), sorted; `seed` excluded.
    public var varyingKeys: [String] {
        guard let firstJob = jobs.first else { return [] }
        let first = firstJob.params
        var keys = Set<String>()
        var union = Set(first.keys)
        var previous = firstJob
        for job in jobs.dropFirst() {
            // Jobs that differ from the one before only in seed add nothing but `seed`, which is left out anyway.
            if job.differsOnlyInSeed(from: previous) { continue }
            previous = job
            let params = job.params
            union.formUnion(params.keys)
            for key in union where params[key] != first[key] { keys.insert(key) }
        }
        keys.remove("seed")
        return keys.sorted()
    }
}
