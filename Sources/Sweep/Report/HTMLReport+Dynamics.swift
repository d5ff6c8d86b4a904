import Foundation

extension HTMLReport {
    /// The law's emergence over training, for groups whose jobs measured dynamics (`measure.every`):
    /// Pearson r and ρ against the epoch (one line per seed, the test subsample dashed), and every
    /// layer's D against the epoch for the group's first seed.
    var dynamicsSection: String? {
        var blocks: [String] = []
        for group in summary.groups {
            let jobs = group.ids.compactMap { results[$0] }.filter { !($0.dynamics ?? []).isEmpty }
            guard !jobs.isEmpty else { continue }
            let title = label(of: group)
            var figures = [
                curveChart(jobs, title: "Pearson r over training", yLabel: "Pearson r of (l, log D_l)", threshold: true) { $0.fit?.pearsonR }
                    test: { $0.testFit?.pearsonR },
                curveChart(jobs, title: "decay ratio ρ over training", yLabel: "ρ (per layer)", threshold: false) { $0.fit?.rho }
                    test: { $0.testFit?.rho },
            ]
            figures.append(layerChart(jobs[0]))
            let rows = group.ids.compactMap { id in summary.rows.first { $0.id == id } }
            let emergence = rows.filter { results[$0.id]?.dynamics != nil }.map { row in
                "seed \(row.params["seed"].map(SweepSummary.text) ?? "?"): "
                    + (row.emergenceEpoch.map { "epoch \($0)" } ?? "not by the end")
            }.joined(separator: "; ")
            var legend = jobs.enumerated().map { (label: "seed \(Self.seed($0.element))", colour: ChartFrame.colour($0.offset), dashed: false) }
            if jobs.contains(where: { $0.dynamics?.contains { $0.testFit != nil } ?? false }) {
                legend.append((label: "test subsample", colour: "#555", dashed: true))
            }
            legend.append((label: "r = \(Self.fixed(summary.emergenceThreshold, 2)) (emergence threshold)", colour: "#777", dashed: true))
            blocks.append("""
                <h3>\(SVG.escape(title))</h3>
                <p>The law holds (r &lt; \(Self.fixed(summary.emergenceThreshold, 2)) at every later measurement) from: \
                \(SVG.escape(emergence)).</p>
                \(Self.legend(legend))
                <div class="multiples">\(figures.joined(separator: "\n"))</div>
                """)
        }
        guard !blocks.isEmpty else { return nil }
        return """
            <section id="dynamics">
            <h2>Emergence of the law during training</h2>
            <p class="note">All layers measured every few epochs (epoch 0 = initialisation). The emergence epoch is \
            the first measurement from which r stays below the threshold. Dotted vertical lines: learning-rate changes.</p>
            \(blocks.joined(separator: "\n"))
            </section>
            """
    }

    /// Epochs at which the learning rate changed (from the recorded rates).
    private static func milestones(_ points: [DynamicsPoint]) -> [Int] {
        var result: [Int] = []
        var previous: Double?
        var previousEpoch = 0
        for point in points {
            if let rate = point.learningRate {
                if let previous, rate != previous { result.append(previousEpoch) }
                previous = rate
            }
            previousEpoch = point.epoch
        }
        return result
    }

    private func curveChart(_ jobs: [JobResult], title: String, yLabel: String, threshold: Bool,
                            _ value: (DynamicsPoint) -> Double?, test: (DynamicsPoint) -> Double?) -> String {
        var xs: [Double] = [], ys: [Double] = []
        for job in jobs {
            for point in job.dynamics ?? [] {
                xs.append(Double(point.epoch))
                if let v = value(point), v.isFinite { ys.append(v) }
                if let v = test(point), v.isFinite { ys.append(v) }
            }
        }
        if threshold { ys += [summary.emergenceThreshold, -1] }
        var frame = ChartFrame(width: 400, height: 260, xValues: xs, yValues: ys, title: title, xLabel: "epoch", yLabel: yLabel)
        if let first = jobs.first?.dynamics {
            for epoch in Self.milestones(first) {
                frame.svg.line(frame.x(Double(epoch)), frame.y.end, frame.x(Double(epoch)), frame.y.start, [("class", "milestone")])
            }
        }
        if threshold {
            frame.svg.line(frame.x.start, frame.y(summary.emergenceThreshold), frame.x.end, frame.y(summary.emergenceThreshold),
                           [("class", "threshold")])
        }
        for (index, job) in jobs.enumerated() {
            let colour = ChartFrame.colour(index), points = job.dynamics ?? []
            frame.svg.group([("class", "job"), ("data-job", job.id)])
            let line = points.compactMap { p in value(p).flatMap { $0.isFinite ? (frame.x(Double(p.epoch)), frame.y($0)) : nil } }
            frame.svg.polyline(line, [("stroke", colour), ("stroke-width", "1.6")])
            let testLine = points.compactMap { p in test(p).flatMap { $0.isFinite ? (frame.x(Double(p.epoch)), frame.y($0)) : nil } }
            frame.svg.polyline(testLine, [("stroke", colour), ("stroke-width", "1.2"), ("stroke-dasharray", "5 3")])
            if threshold, let epoch = LawEmergence.epoch(points, threshold: summary.emergenceThreshold),
               let point = points.first(where: { $0.epoch == epoch }), let r = point.fit?.pearsonR {
                frame.svg.circle(frame.x(Double(epoch)), frame.y(r), r: 4.5, [("fill", "none"), ("stroke", colour), ("stroke-width", "2")],
                                 title: "seed \(Self.seed(job)): r < \(summary.emergenceThreshold) from epoch \(epoch)")
            }
            frame.svg.end()
        }
        return "<figure>" + frame.svg.rendered(label: title) + "</figure>"
    }

    /// D_l against the epoch, one line per layer (log scale), for one job.
    private func layerChart(_ job: JobResult) -> String {
        let points = job.dynamics ?? []
        let layerCount = points.map(\.D.count).max() ?? 0
        var xs: [Double] = [], ys: [Double] = []
        for point in points {
            xs.append(Double(point.epoch))
            ys += point.D.filter { $0.isFinite && $0 > 0 }
        }
        var frame = ChartFrame(width: 400, height: 260, xValues: xs, yValues: ys, yLog: true,
                               title: "D_l over training (seed \(Self.seed(job)))", xLabel: "epoch", yLabel: "D_l (log scale)")
        for epoch in Self.milestones(points) {
            frame.svg.line(frame.x(Double(epoch)), frame.y.end, frame.x(Double(epoch)), frame.y.start, [("class", "milestone")])
        }
        var legend: [(label: String, colour: String, dashed: Bool)] = []
        for layer in 0..<layerCount {
            let colour = ChartFrame.colour(layer)
            let line = points.compactMap { p -> (Double, Double)? in
                guard layer < p.D.count, p.D[layer].isFinite, p.D[layer] > 0 else { return nil }
                return (frame.x(Double(p.epoch)), frame.y(p.D[layer]))
            }
            frame.svg.polyline(line, [("stroke", colour), ("stroke-width", "1.5"), ("data-layer", String(layer))])
            let name = job.layers.indices.contains(layer) ? job.layers[layer].name : "layer \(layer)"
            legend.append((label: "l = \(layer) (\(name))", colour: colour, dashed: false))
        }
        return "<figure>" + frame.svg.rendered(label: "D per layer over training")
            + "<figcaption>" + Self.legend(legend) + "</figcaption></figure>"
    }
}
