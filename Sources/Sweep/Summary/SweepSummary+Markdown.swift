import Foundation

extension SweepSummary {
    /// `summary.md`: status counts, one table row per group of jobs sharing every varying parameter but
    /// the seed (count, mean ± sd of ρ, mean and worst r, mean test accuracy), and the failed jobs.
    public var markdown: String {
        var out = "# Sweep summary: \(Self.literal(name))\n\n"
        let statusText = JobStatus.allCases.compactMap { status in
            statusCounts[status.rawValue].map { "\($0) \(status.rawValue)" }
        }.joined(separator: ", ")
        out += "\(rows.count) job\(rows.count == 1 ? "" : "s"): \(statusText.isEmpty ? "none" : statusText).\n"
        if varyingKeys.isEmpty {
            out += "No parameter varies between jobs except the seed; one group.\n"
        } else {
            out += "Grouped by \(varyingKeys.joined(separator: ", ")); statistics over the ok jobs of each group "
                + "(worst r = the largest: a perfect law has r = -1).\n"
        }
        out += "\n" + groupTable
        let failed = failures
        if !failed.isEmpty {
            out += "\n## Failed jobs\n\n| id | status | message |\n|---|---|---|\n"
            for row in failed {
                out += "| \(Self.literal(row.id)) | \(row.status.rawValue) | \(Self.literal(row.message ?? "")) |\n"
            }
        }
        return out
    }

    /// The group table alone (also printed at the end of a sweep).
    public var groupTable: String {
        let showTest = groups.contains { $0.testRhoMean != nil }
        let showEmergence = groups.contains { $0.emerged != nil }
        let showSegments = groups.contains { $0.segmentRhoMean != nil }
        let showDiverged = hasDivergence
        let header = varyingKeys + ["jobs", "ok"] + (showDiverged ? ["diverged"] : []) + ["ρ mean ± sd", "r mean", "r worst", "test acc", "ρ 95% interval"]
            + (showTest ? ["test ρ"] : []) + (showEmergence ? ["r < \(Self.fixed(emergenceThreshold, 2)) from epoch"] : [])
            + (showSegments ? ["segments ρ (r)"] : [])
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for group in groups {
            var cells = varyingKeys.map { Self.cell(group.params[$0].map(Self.text) ?? "-") }
            cells += [String(group.jobs), String(group.ok)]
            if showDiverged { cells.append(String(divergedCount(in: group))) }
            if group.ok == 0 && divergedCount(in: group) == group.jobs {
                cells.append("diverged")
            } else if let mean = group.rhoMean {
                cells.append(Self.fixed(mean, 4) + (group.rhoSD.map { " ± " + Self.fixed($0, 4) } ?? ""))
            } else {
                cells.append("-")
            }
            cells += [group.rMean, group.rWorst].map { $0.map { Self.fixed($0, 4) } ?? "-" }
            cells.append(group.testAccuracyMean.map { Self.fixed($0, 3) } ?? "-")
            if let low = group.rhoLow95, let high = group.rhoHigh95 {
                cells.append("[" + Self.fixed(low, 4) + ", " + Self.fixed(high, 4) + "]")
            } else {
                cells.append("-")
            }
            if showTest { cells.append(group.testRhoMean.map { Self.fixed($0, 4) } ?? "-") }
            if showEmergence { cells.append(Self.emergenceText(group)) }
            if showSegments { cells.append(Self.segmentText(group)) }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// "120" (mean emergence epoch), "120 (2 of 3)" when some jobs never got there, "never", or "-".
    static func emergenceText(_ group: SummaryGroup) -> String {
        guard let emerged = group.emerged else { return "-" }
        guard let mean = group.emergenceEpochMean else { return "never" }
        let text = mean == mean.rounded() ? String(Int(mean)) : fixed(mean, 1)
        return emerged == group.ok ? text : "\(text) (\(emerged) of \(group.ok))"
    }

    /// "0.4512 (-0.9931); 0.8120 (-0.9877)" for the fitted segments, or "-".
    static func segmentText(_ group: SummaryGroup) -> String {
        guard let rhos = group.segmentRhoMean, let rs = group.segmentRMean, rhos.count == rs.count else { return "-" }
        return zip(rhos, rs).map { "\(fixed($0, 4)) (\(fixed($1, 4)))" }.joined(separator: "; ")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return number(value) }
        return String(format: "%.\(digits)f", value)
    }

    /// A parameter value as a table cell: `|` escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A user's text (the sweep name, a message) as literal Markdown on one line (a heading, a table cell):
    /// HTML's `<`, `>` and `&` as entities, Markdown's punctuation backslash-escaped, line breaks and other
    /// control characters as spaces.
    static func literal(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!", "(", ")": out += "\\" + String(scalar)
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
