import Foundation

/// `DIR/report.html`: one self-contained page (inline SVG and CSS, no scripts, nothing fetched) that
/// shows a sweep's summary as the paper's figures: per group, log D against layer with the fitted
/// lines; ρ against each varying numeric parameter; a heat map of Pearson r over two varying
/// parameters; the law's emergence over epochs; and the summary tables. Every number in the tables
/// carries its exact value (`data-value`) as written in `summary.json`.
public struct HTMLReport {
    public let summary: SweepSummary
    /// The results by job id (for per-layer values and dynamics, which the summary does not hold).
    let results: [String: JobResult]
    /// Shown at the top of the page when the sweep is not finished (`DirectoryStatus.note`).
    public var statusNote: String?

    public init(summary: SweepSummary, results: [JobResult], statusNote: String? = nil) {
        self.summary = summary
        self.statusNote = statusNote
        var byID: [String: JobResult] = [:]
        for result in results { byID[result.id] = result }
        self.results = byID
    }

    /// Writes `report.html` into `directory` atomically, and each of its figures as a standalone SVG under
    /// `directory/figures/`; returns the path of the page.
    @discardableResult
    public static func write(summary: SweepSummary, results: [JobResult], to directory: String,
                             statusNote: String? = nil) throws(StoreError) -> String {
        let path = directory + "/report.html"
        try FileIO.makeDirectory(directory)
        let html = HTMLReport(summary: summary, results: results, statusNote: statusNote).html
        try FileIO.writeAtomically(.init(html.utf8), to: path)
        try writeFigures(of: html, to: directory)
        return path
    }

    /// The page.
    public var html: String {
        var sections: [String] = []
        sections.append(overview)
        sections.append(lawPanels)
        if let axes = axisCharts { sections.append(axes) }
        if let heat = heatMap { sections.append(heat) }
        if let compare = comparisonSection { sections.append(compare) }
        if let dynamics = dynamicsSection { sections.append(dynamics) }
        sections.append(tables)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(SVG.escape("seplaw report: " + summary.name))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            \(sections.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    // MARK: - Shared pieces

    /// "model.depth = 2, train.lr = 0.3", or "all jobs" when nothing varies.
    func label(of group: SummaryGroup) -> String {
        let parts = summary.varyingKeys.map { "\($0) = \(group.params[$0].map(SweepSummary.text) ?? "-")" }
        return parts.isEmpty ? "all jobs" : parts.joined(separator: ", ")
    }

    /// The group's ok results with a fit, in row (seed) order.
    func okResults(of group: SummaryGroup) -> [JobResult] {
        group.ids.compactMap { results[$0] }.filter { $0.status == .ok && $0.fit != nil }
    }

    /// The seed of a result as text.
    static func seed(_ result: JobResult) -> String { String(result.spec.seed) }

    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value else { return "–" }
        guard value.isFinite else { return SweepSummary.number(value) }
        return String(format: "%.\(digits)f", value).replacingOccurrences(of: "-", with: "−")
    }

    static func significant(_ value: Double?) -> String {
        guard let value else { return "–" }
        guard value.isFinite else { return SweepSummary.number(value) }
        return String(format: "%.4g", value).replacingOccurrences(of: "-", with: "−")
    }

    /// A legend as an HTML list of coloured swatches.
    static func legend(_ entries: [(label: String, colour: String, dashed: Bool)]) -> String {
        let items = entries.map { entry in
            "<li><span class=\"swatch\(entry.dashed ? " dashed" : "")\" style=\"border-color:\(entry.colour);"
                + "background:\(entry.dashed ? "transparent" : entry.colour)\"></span>\(SVG.escape(entry.label))</li>"
        }
        return "<ul class=\"legend\">" + items.joined() + "</ul>"
    }

    private var overview: String {
        let counts = JobStatus.allCases.compactMap { status in
            summary.statusCounts[status.rawValue].map { "\($0) \(status.rawValue)" }
        }.joined(separator: ", ")
        let varying = summary.varyingKeys.isEmpty
            ? "No parameter varies between jobs except the seed."
            : "Varying: " + summary.varyingKeys.map { "<code>\(SVG.escape($0))</code>" }.joined(separator: ", ")
                + "; jobs that differ only in the seed form a group."
        return """
            <header>
            <h1>Law of data separation: \(SVG.escape(summary.name))</h1>
            <p>\(summary.rows.count) job\(summary.rows.count == 1 ? "" : "s") (\(counts.isEmpty ? "none" : counts)) in \
            \(summary.groups.count) group\(summary.groups.count == 1 ? "" : "s"). \(varying)</p>
            \(statusNote.map { "<p class=\"status-note\"><b>Not finished:</b> \(SVG.escape($0)).</p>" } ?? "")
            <p class="note">Separation fuzziness D<sub>l</sub> = Tr(SS<sub>w</sub>SS<sub>b</sub><sup>+</sup>) of the \
            training features after layer l (l = 0 is the input); small D = well-separated classes. The law says \
            D<sub>l</sub> ≈ ρ<sup>l</sup>D<sub>0</sub>: log D falls on a straight line in l with decay ratio ρ, and \
            the Pearson correlation r of (l, log D<sub>l</sub>) is close to −1.</p>
            </header>
            """
    }
}
