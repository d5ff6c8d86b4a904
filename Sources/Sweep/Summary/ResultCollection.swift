import Foundation

/// Results gathered from one or more result directories for summarising: the last result of each job
/// id, with an `ok` result preferred over a failure when directories disagree.
public struct ResultCollection: Sendable {
    /// The sweep name: the common `name` of the directories' `sweep.yaml`, else the names joined with `+`.
    public var name: String
    public var results: [JobResult]
    /// Torn or corrupt lines skipped, and conflicts between directories.
    public var warnings: [String]

    /// Reads `DIR/results.jsonl` (and the name from `DIR/sweep.yaml`) of each directory.
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
            for (id, result) in file.latest {
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
            let sweepPath = ResultStore.sweepPath(in: directory)
            if let data = try FileIO.read(sweepPath),
               let sweep = try? ResolvedSweep.parse(String(decoding: data, as: UTF8.self), file: sweepPath) {
                if !names.contains(sweep.name) { names.append(sweep.name) }
            }
        }
        let name = names.isEmpty
            ? directories.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " + ")
            : names.joined(separator: " + ")
        return ResultCollection(name: name, results: order.compactMap { byID[$0] }, warnings: warnings)
    }

    public init(name: String, results: [JobResult], warnings: [String] = []) {
        self.name = name
        self.results = results
        self.warnings = warnings
    }
}
