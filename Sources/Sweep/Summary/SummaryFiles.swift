import Foundation

/// Writes a summary's three files into a directory, each replaced atomically.
public enum SummaryFiles {
    /// Writes `summary.csv`, `summary.json` and `summary.md` into `directory` (created if needed);
    /// returns the path of `summary.md`.
    @discardableResult
    public static func write(_ summary: SweepSummary, to directory: String) throws(StoreError) -> String {
        try FileIO.makeDirectory(directory)
        let json: [UInt8]
        do {
            json = Array(try summary.json())
        } catch {
            throw StoreError(path: directory + "/summary.json", message: "cannot encode the summary: \(error)")
        }
        try FileIO.writeAtomically(.init(summary.csv.utf8), to: directory + "/summary.csv")
        try FileIO.writeAtomically(.init(json), to: directory + "/summary.json")
        let markdown = directory + "/summary.md"
        try FileIO.writeAtomically(.init(summary.markdown.utf8), to: markdown)
        return markdown
    }
}
