import Foundation

extension HTMLReport {
    /// Small multiples, one per group: D_l on a log axis against l, each seed's points and fitted line
    /// (test-subsample D as open circles with a dashed fit, when measured).
    var lawPanels: String {
        var figures: [String] = []
        var maxSeeds = 0
        var anyTest = false
        for (index, group) in summary.groups.enumerated() {
            let jobs = okResults(of: group)
            maxSeeds = max(maxSeeds, jobs.count)
            anyTest = anyTest || jobs.contains { $0.testFit != nil }
            figures.append(lawPanel(group, index: index, jobs: jobs))
        }
        let seeds = summary.groups.lazy.map(okResults).first { $0.count == maxSeeds } ?? []
        var legend = seeds.enumerated().map { (label: "seed \(Self.seed($0.element))", colour: ChartFrame.colour($0.offset), dashed: false) }
        if anyTest { legend.append((label: "test subsample (open circles, dashed fit)", colour: "#555", dashed: true)) }
        return """
            <section id="law">
            <h2>D<sub>l</sub> against layer, with the fitted law</h2>
            <p class="note">One panel per group; points are measured D<sub>l</sub> (log scale), lines the least-squares \
            fit log D<sub>l</sub> = l·log ρ + log D<sub>0</sub>, one colour per seed.</p>
            \(Self.legend(legend))
            <div class="multiples">
            \(figures.joined(separator: "\n"))
            </div>
            </section>
            """
    }

    private func lawPanel(_ group: SummaryGroup, index: Int, jobs: [JobResult]) -> String {
        let title = label(of: group)
        guard !jobs.isEmpty else {
            return "<figure data-group=\"\(index)\"><figcaption><b>\(SVG.escape(title))</b>: no job of this group "
                + "ended ok (\(group.jobs) job\(group.jobs == 1 ? "" : "s"); see the job table).</figcaption></figure>"
        }
        var ds: [Double] = [], ls: [Double] = []
        for job in jobs {
            for layer in job.layers {
                ls.append(Double(layer.index))
                ds.append(layer.D)
                if let t = layer.testD { ds.append(t) }
            }
        }
        let lastLayer = Int(ls.max() ?? 1)
        let step = max(1, Int((Double(lastLayer) / 8).rounded(.up)))
        var frame = ChartFrame(width: 300, height: 220, xValues: ls, yValues: ds, yLog: true,
                               title: Self.shorten(title, 44), xLabel: "layer l", yLabel: "D_l (log scale)",
                               xTicks: stride(from: 0, through: lastLayer, by: step).map(Double.init))
        for (seedIndex, job) in jobs.enumerated() {
            let colour = ChartFrame.colour(seedIndex)
            frame.svg.group([("class", "job"), ("data-job", job.id)])
            if let fit = job.fit, let last = job.layers.last?.index {
                frame.svg.line(frame.x(0), frame.y(Foundation.exp(fit.predictedLog(at: 0))), frame.x(Double(last)),
                               frame.y(Foundation.exp(fit.predictedLog(at: last))), [("class", "fit"), ("stroke", colour)])
            }
            if let testFit = job.testFit, let last = job.layers.last?.index {
                frame.svg.line(frame.x(0), frame.y(Foundation.exp(testFit.predictedLog(at: 0))), frame.x(Double(last)),
                               frame.y(Foundation.exp(testFit.predictedLog(at: last))), [("class", "test-fit"), ("stroke", colour)])
            }
            for layer in job.layers {
                frame.svg.circle(frame.x(Double(layer.index)), frame.y(layer.D), r: 3, [("class", "point"), ("fill", colour)],
                                 title: "seed \(Self.seed(job)), l = \(layer.index) (\(layer.name)): D = \(layer.D)")
                if let t = layer.testD {
                    frame.svg.circle(frame.x(Double(layer.index)), frame.y(t), r: 3,
                                     [("class", "test-point"), ("fill", "none"), ("stroke", colour)],
                                     title: "seed \(Self.seed(job)), l = \(layer.index): test D = \(t)")
                }
            }
            frame.svg.end()
        }
        var caption = "ρ = \(Self.fixed(group.rhoMean, 4))"
        if let low = group.rhoLow95, let high = group.rhoHigh95 {
            caption += " (95% interval \(Self.fixed(low, 4))–\(Self.fixed(high, 4)))"
        }
        caption += ", r = \(Self.fixed(group.rMean, 4)) (mean of \(group.ok))"
        if let testRho = group.testRhoMean { caption += "; test ρ = \(Self.fixed(testRho, 4))" }
        return "<figure data-group=\"\(index)\">" + frame.svg.rendered(label: "D against layer: " + title)
            + "<figcaption><b>\(SVG.escape(title))</b><br>\(caption)</figcaption></figure>"
    }

    /// `text` cut to `limit` characters with an ellipsis.
    static func shorten(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
