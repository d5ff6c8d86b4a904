import Foundation

extension HTMLReport {
    /// The numeric value of a parameter, if it is a number.
    static func number(_ value: ParamValue?) -> Double? {
        switch value {
        case .int(let x)?: return Double(x)
        case .double(let x)?: return x
        default: return nil
        }
    }

    /// Varying keys whose values are all numbers, with at least two distinct values.
    var numericAxes: [String] {
        summary.varyingKeys.filter { key in
            let values = summary.groups.map { Self.number($0.params[key]) }
            return values.allSatisfy { $0 != nil } && Set(values.compactMap { $0 }).count >= 2
        }
    }

    /// Learning rates, and any axis spanning two decades of positive values, are drawn on a log axis.
    func isLogAxis(_ key: String) -> Bool {
        let values = summary.groups.compactMap { Self.number($0.params[key]) }
        guard let low = values.min(), let high = values.max(), low > 0 else { return false }
        return key.hasSuffix(".lr") || key.hasSuffix("lr") || high / low >= 100
    }

    /// ρ against every varying numeric parameter: seeds as small dots, the group mean with its 95%
    /// interval, one line per combination of the other varying parameters.
    var axisCharts: String? {
        let axes = numericAxes
        guard !axes.isEmpty else { return nil }
        var figures: [String] = []
        for key in axes {
            let others = summary.varyingKeys.filter { $0 != key }
            var seriesOrder: [String] = []
            var series: [String: [SummaryGroup]] = [:]
            for group in summary.groups {
                let name = others.isEmpty ? "all" : others.map { "\($0) = \(group.params[$0].map(SweepSummary.text) ?? "-")" }
                    .joined(separator: ", ")
                if series[name] == nil { seriesOrder.append(name) }
                series[name, default: []].append(group)
            }
            var xs: [Double] = [], ys: [Double] = []
            for group in summary.groups {
                guard let x = Self.number(group.params[key]) else { continue }
                for job in okResults(of: group) {
                    xs.append(x)
                    if let rho = job.fit?.rho { ys.append(rho) }
                }
                if let low = group.rhoLow95, let high = group.rhoHigh95 { ys += [low, high] }
            }
            guard !ys.isEmpty else { continue }
            let log = isLogAxis(key)
            let distinct = Array(Set(xs)).sorted()
            var frame = ChartFrame(width: 560, height: 320, xValues: xs, yValues: ys, xLog: log,
                                   title: "decay ratio ρ against \(key)", xLabel: key + (log ? " (log scale)" : ""),
                                   yLabel: "ρ (per layer)", xTicks: distinct.count <= 12 ? distinct : nil)
            var legend: [(label: String, colour: String, dashed: Bool)] = []
            for (seriesIndex, name) in seriesOrder.enumerated() {
                let colour = ChartFrame.colour(seriesIndex)
                legend.append((label: name, colour: colour, dashed: false))
                let groups = (series[name] ?? []).sorted { (Self.number($0.params[key]) ?? 0) < (Self.number($1.params[key]) ?? 0) }
                frame.svg.group([("class", "series"), ("data-series", name)])
                var means: [(Double, Double)] = []
                for group in groups {
                    guard let x = Self.number(group.params[key]) else { continue }
                    for job in okResults(of: group) {
                        if let rho = job.fit?.rho {
                            frame.svg.circle(frame.x(x), frame.y(rho), r: 2, [("fill", colour), ("opacity", "0.45")],
                                             title: "\(label(of: group)), seed \(Self.seed(job)): ρ = \(rho)")
                        }
                    }
                    if let low = group.rhoLow95, let high = group.rhoHigh95 {
                        frame.svg.line(frame.x(x), frame.y(low), frame.x(x), frame.y(high), [("stroke", colour), ("stroke-width", "1.5")])
                        frame.svg.line(frame.x(x) - 4, frame.y(low), frame.x(x) + 4, frame.y(low), [("stroke", colour)])
                        frame.svg.line(frame.x(x) - 4, frame.y(high), frame.x(x) + 4, frame.y(high), [("stroke", colour)])
                    }
                    if let mean = group.rhoMean {
                        means.append((frame.x(x), frame.y(mean)))
                        frame.svg.circle(frame.x(x), frame.y(mean), r: 4, [("class", "mean"), ("fill", colour)],
                                         title: "\(label(of: group)): mean ρ = \(mean)")
                    }
                }
                frame.svg.polyline(means, [("stroke", colour), ("stroke-width", "1.5")])
                frame.svg.end()
            }
            figures.append("<figure>" + frame.svg.rendered(label: "rho against \(key)") + "<figcaption>"
                           + (legend.count > 1 ? Self.legend(legend) : "")
                           + "Large dots: mean ρ of the group; bars: 95% interval over seeds (t distribution); "
                           + "small dots: single seeds.</figcaption></figure>")
        }
        guard !figures.isEmpty else { return nil }
        return """
            <section id="axes">
            <h2>Decay ratio ρ against the varying parameters</h2>
            <p class="note">ρ &lt; 1: D shrinks by the factor ρ per layer. Deeper networks give ρ closer to 1.</p>
            <div class="multiples">
            \(figures.joined(separator: "\n"))
            </div>
            </section>
            """
    }

    /// Colour classes of Pearson r for the heat map, from the law holding (dark) to failing (light).
    static let heatClasses: [(upper: Double, colour: String, label: String)] = [
        (-0.99, "#08306b", "r ≤ −0.99"), (-0.95, "#2171b5", "−0.99 < r ≤ −0.95"), (-0.9, "#6baed6", "−0.95 < r ≤ −0.9"),
        (-0.8, "#c6dbef", "−0.9 < r ≤ −0.8"), (0, "#fdd0a2", "−0.8 < r ≤ 0"), (.infinity, "#e6550d", "r > 0"),
    ]

    /// The heat map's colour for a group whose every job diverged.
    static let divergedColour = "#67000d"

    /// A heat map of the mean Pearson r over the two varying parameters, when exactly two vary.
    var heatMap: String? {
        guard summary.varyingKeys.count == 2 else { return nil }
        let rowKey = summary.varyingKeys[0], columnKey = summary.varyingKeys[1]
        func distinct(_ key: String) -> [ParamValue] {
            var seen: [ParamValue] = []
            for group in summary.groups { if let v = group.params[key], !seen.contains(v) { seen.append(v) } }
            return seen.sorted { ParamOrder.less($0, $1) }
        }
        let rows = distinct(rowKey), columns = distinct(columnKey)
        let cell = 64.0, left = 110.0, top = 50.0
        var svg = SVG(width: left + cell * Double(columns.count) + 20, height: top + cell * Double(rows.count) + 20)
        svg.text(left + cell * Double(columns.count) / 2, 16, columnKey, anchor: "middle", [("class", "axis-label")])
        svg.text(8, 16, rowKey + " ↓", [("class", "axis-label")])
        for (c, value) in columns.enumerated() {
            svg.text(left + cell * (Double(c) + 0.5), top - 8, value.description, anchor: "middle", [("class", "heat-label")])
        }
        for (r, rowValue) in rows.enumerated() {
            svg.text(left - 8, top + cell * (Double(r) + 0.5) + 4, rowValue.description, anchor: "end", [("class", "heat-label")])
            for (c, columnValue) in columns.enumerated() {
                let x = left + cell * Double(c), y = top + cell * Double(r)
                let group = summary.groups.first { $0.params[rowKey] == rowValue && $0.params[columnKey] == columnValue }
                let diverged = group.map { summary.divergedCount(in: $0) } ?? 0
                if let group, group.rMean == nil, diverged > 0 {
                    svg.rect(x, y, cell - 2, cell - 2, [("fill", Self.divergedColour), ("class", "heat-cell diverged")],
                             title: "\(label(of: group)): \(diverged) of \(group.jobs) job(s) diverged, none ok")
                    svg.text(x + cell / 2 - 1, y + cell / 2 + 4, "diverged", anchor: "middle",
                             [("class", "cell-text"), ("fill", "#ffffff")])
                    continue
                }
                guard let group, let mean = group.rMean else {
                    svg.rect(x, y, cell - 2, cell - 2, [("fill", "#eeeeee")], title: "no ok job")
                    svg.text(x + cell / 2 - 1, y + cell / 2 + 4, "–", anchor: "middle", [("class", "cell-text")])
                    continue
                }
                let band = Self.heatClasses.firstIndex { mean <= $0.upper } ?? Self.heatClasses.count - 1
                svg.rect(x, y, cell - 2, cell - 2, [("fill", Self.heatClasses[band].colour), ("class", "heat-cell")],
                         title: "\(label(of: group)): mean r = \(mean) over \(group.ok) job(s)"
                            + (diverged > 0 ? "; \(diverged) diverged" : ""))
                svg.text(x + cell / 2 - 1, y + cell / 2 + 4, Self.fixed(mean, 3) + (diverged > 0 ? "†" : ""), anchor: "middle",
                         [("class", "cell-text"), ("fill", band <= 1 ? "#ffffff" : "#111111")])
            }
        }
        var legend = Self.heatClasses.map { entry in
            "<li><span class=\"swatch box\" style=\"background:\(entry.colour)\"></span>\(SVG.escape(entry.label))</li>"
        }.joined()
        if summary.hasDivergence {
            legend += "<li><span class=\"swatch box\" style=\"background:\(Self.divergedColour)\"></span>every job diverged; "
                + "† some jobs diverged</li>"
        }
        return """
            <section id="heatmap">
            <h2>Pearson r of the fit over \(SVG.escape(rowKey)) × \(SVG.escape(columnKey))</h2>
            <p class="note">Mean r of (l, log D<sub>l</sub>) over each group's ok jobs; dark = the law holds (r near −1).</p>
            <figure>\(svg.rendered(label: "heat map of Pearson r"))<figcaption><ul class="legend">\(legend)</ul></figcaption></figure>
            </section>
            """
    }
}
