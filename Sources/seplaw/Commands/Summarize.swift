import ArgumentParser
import Foundation
import Sweep

/// `seplaw summarize DIR [DIR…] --out DIR`: the summary of one or more result directories.
struct Summarize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise one or more sweep result directories (merging them) into summary.csv, .json and .md.")

    @Argument(help: "Result directories (each with a results.jsonl).", completion: .directory)
    var directories: [String]

    @Option(name: .long, help: "Where to write the summary (default: the directory, when only one is given).", completion: .directory)
    var out: String?

    func validate() throws {
        guard !directories.isEmpty else { throw ValidationError("give at least one result directory") }
        if out == nil && directories.count > 1 {
            throw ValidationError("--out is required when summarising several directories")
        }
    }

    func run() throws {
        let collection: ResultCollection
        do {
            collection = try ResultCollection.load(directories: directories)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        for warning in collection.warnings { StandardError.write("warning: \(warning)\n") }
        if let mixed = Provenance.mixedBuildsWarning(collection.results) { StandardError.write("warning: \(mixed)\n") }
        let summary = SweepSummary(name: collection.name, results: collection.results)
        let path = try SummaryFiles.write(summary, to: out ?? directories[0])
        try TidyTables.write(summary, results: collection.results, to: out ?? directories[0])
        if let out, let merged = try collection.writeMerged(to: out, sources: directories) {
            print("merged results: \(merged) (seplaw report \(SweepCommand.shellQuoted(out)) draws them)")
        }
        print(summary.groupTable)
        print("summary: \(path)")
    }
}
