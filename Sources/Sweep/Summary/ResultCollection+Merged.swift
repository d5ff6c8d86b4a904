import Foundation

extension ResultCollection {
    /// The file that marks a directory written by `summarize --out` (it lists the merged directories).
    public static let mergedMarker = "merged-from.txt"

    /// Writes the merged results to `directory/results.jsonl` (one line per job), so that `seplaw report`
    /// works on what `summarize --out` wrote; `sources` are listed in `merged-from.txt`. Returns nil (and
    /// writes nothing) when `directory` is one of `sources` or holds a sweep (a `sweep.yaml`, or results
    /// not written by a merge), whose results must not be replaced.
    @discardableResult
    public func writeMerged(to directory: String, sources: [String]) throws(StoreError) -> String? {
        let target = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().path
        let inputs = sources.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
        let resultsPath = ResultStore.resultsPath(in: directory), marker = directory + "/" + Self.mergedMarker
        let manager = FileManager.default
        guard !inputs.contains(target), !manager.fileExists(atPath: ResultStore.sweepPath(in: directory)),
              !manager.fileExists(atPath: resultsPath) || manager.fileExists(atPath: marker) else { return nil }
        var text = ""
        for result in results {
            do {
                text += try JSONCoding.line(result) + "\n"
            } catch {
                throw StoreError(path: resultsPath, message: "cannot encode the result of job \(result.id): \(error)")
            }
        }
        try FileIO.makeDirectory(directory)
        try FileIO.writeAtomically(.init(text.utf8), to: resultsPath)
        try FileIO.writeAtomically(.init((sources.joined(separator: "\n") + "\n").utf8), to: marker)
        return resultsPath
    }
}
