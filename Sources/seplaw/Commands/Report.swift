import ArgumentParser
import Foundation
import Sweep

/// `seplaw report DIR`: the summary files and the self-contained `report.html` of a result directory.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write DIR/report.html (inline SVG figures and tables, no scripts) and the summary files of a result directory.",
        discussion: """
        The report shows, per group of jobs, D against layer with the fitted law; ρ against every varying \
        numeric parameter; a heat map of Pearson r when exactly two parameters vary; the law's emergence over \
        training for jobs run with measure.every; and the summary tables. summary.csv, .json and .md are \
        rewritten next to it so that the page and summary.json show the same numbers.
        """)

    @Argument(help: "A result directory (with results.jsonl), as written by `seplaw sweep --out DIR`.", completion: .directory)
    var directory: String

    @Option(help: "Where to write report.html and the summary (default: the result directory).", completion: .directory)
    var out: String?

    @Option(parsing: .unconditional, help: "Pearson r below which the law counts as holding, for the emergence epoch (a negative number such as -0.95).")
    var emergenceThreshold: Double = LawEmergence.defaultThreshold

    func validate() throws {
        guard emergenceThreshold.isFinite, emergenceThreshold > -1, emergenceThreshold < 1 else {
            throw ValidationError("--emergence-threshold must be a number in (-1, 1), e.g. -0.95")
        }
    }

    func run() throws {
        let collection: ResultCollection
        do {
            collection = try ResultCollection.load(directories: [directory])
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        for warning in collection.warnings { StandardError.write("warning: \(warning)\n") }
        if let mixed = Provenance.mixedBuildsWarning(collection.results) { StandardError.write("warning: \(mixed)\n") }
        let summary = SweepSummary(name: collection.name, results: collection.results,
                                   emergenceThreshold: emergenceThreshold)
        let target = out ?? directory
        do {
            let path = try SummaryFiles.write(summary, to: target)
            try TidyTables.write(summary, results: collection.results, to: target)
            let status = DirectoryStatus.of(directory: directory, results: collection.results)
            if let note = status.note { StandardError.write("warning: \(note)\n") }
            let report = try HTMLReport.write(summary: summary, results: collection.results, to: target, statusNote: status.note)
            print("summary: \(path)")
            print("report: \(report)")
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
    }
}
