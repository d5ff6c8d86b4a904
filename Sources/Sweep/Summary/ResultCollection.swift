import Foundation

/// Results gathered from one or more result directories for summarising: the last result of each job
/// id, with an `ok` result preferred over a failure when directories disagree.
///
/// Only the directory's sweep believes: a result counts when its id is one of the jobs `DIR/sweep.yaml` lists
/// (the rest are reported as foreign and left out); several lines for one id with different numbers are
/// reported; a result holding values outside their domain (`ResultDomain`) is shown as an `error` saying so.
public struct ResultCollection: Sendable {
    /// The sweep name: the common `name` of the directories' `sweep.yaml`, else the names joined with `+`.
    public var name: String
    public var results: [JobResult]
    /// Torn, corrupt, foreign, conflicting or out-of-domain lines, and conflicts between directories.
    public var warnings: [String]

    /// Reads `DIR/results.jsonl` (and the jobs and name from `DIR/sweep.yaml`) of each directory.
    public static func load(directories: [String]) throws(StoreError) -> ResultCollection {
        var names: [String] = []
        var byID: [String: JobResult] = [:]
        var order: [String] = []
        var warnings: [String] = []
        for directory in directories {
            let resultsPath = ResultStore.resultsPath(in: directory)
            guard FileManager.default.fileExists(atPath: resultsPath) else {
                throw StoreError(path: directory, message: "no results.jsonl here; is this a sweep's --out directory?")
            }
            let file = try ResultsFile.read(path: resultsPath)
            warnings += file.warnings
            let sweepPath = ResultStore.sweepPath(in: directory)
            var listed: Set<String>?
            if let data = try FileIO.read(sweepPath) {
                do {
                    let sweep = try ResolvedSweep.parse(String(decoding: data, as: UTF8.self), file: sweepPath)
                    if !names.contains(sweep.name) { names.append(sweep.name) }
                    listed = Set(sweep.ids)
                } catch {
                    warnings.append("\(error); every result in results.jsonl counts")
                }
            } else {
                warnings.append("\(directory): no sweep.yaml, so every result in results.jsonl counts")
            }
            warnings += Self.conflicts(in: file)
            var foreign: [String] = []
            for entry in file.latestEntries {
                let id = entry.id
                if let listed, !listed.contains(id) {
                    foreign.append(id)
                    continue
                }
                var result = entry.result
                let problems = ResultDomain.problems(result)
                if !problems.isEmpty {
                    warnings.append("\(resultsPath): job \(id): values outside their domain (\(problems.joined(separator: "; "))); "
                                    + "shown as an error")
                    result = ResultDomain.flagged(result, problems: problems)
                }
                if let existing = byID[id] {
                    if existing.status == .ok && result.status != .ok { continue }
                    if existing.status == .ok && result.status == .ok && existing.layers.map(\.D) != result.layers.map(\.D) {
                        warnings.append("\(resultsPath): job \(id) has different D values than in an earlier directory; "
                                        + "keeping the later one")
                    }
                } else {
                    order.append(id)
                }
                byID[id] = result
            }
            if !foreign.isEmpty {
                let examples = foreign.prefix(3).map { String($0.prefix(64)) }.joined(separator: ", ")
                warnings.append("\(resultsPath): \(foreign.count) foreign result\(foreign.count == 1 ? "" : "s") (job ids that "
                                + "\(sweepPath) does not list: \(examples)\(foreign.count > 3 ? ", …" : "")); not counted")
            }
        }
        let name = names.isEmpty
            ? directories.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " + ")
            : names.joined(separator: " + ")
        return ResultCollection(name: name, results: order.compactMap { byID[$0] }, warnings: warnings)
    }

    /// One warning per job id that has several lines in `file` whose results differ (beyond timing).
    static func conflicts(in file: ResultsFile) -> [String] {
        var first: [String: JobResult] = [:]
        var conflicting: [String] = []
        var lines: [String: Int] = [:]
        for entry in file.entries {
            lines[entry.id, default: 0] += 1
            if let earlier = first[entry.id] {
                if !sameOutcome(earlier, entry.result) && !conflicting.contains(entry.id) { conflicting.append(entry.id) }
            } else {
                first[entry.id] = entry.result
            }
        }
        return conflicting.map { id in
            "\(file.path): job \(id.prefix(64)) has \(lines[id] ?? 0) lines with different results; the last one counts"
        }
    }

    /// Whether two results of one job report the same outcome (status, measurements), ignoring timing.
    static func sameOutcome(_ a: JobResult, _ b: JobResult) -> Bool {
        a.status == b.status && a.layers == b.layers && a.fit == b.fit && a.trainAccuracy == b.trainAccuracy
            && a.testAccuracy == b.testAccuracy && a.testFit == b.testFit && a.segmentFits == b.segmentFits
    }

    public init(name: String, results: [JobResult], warnings: [String] = []) {
        self.name = name
        self.results = results
        self.warnings = warnings
    }
}
