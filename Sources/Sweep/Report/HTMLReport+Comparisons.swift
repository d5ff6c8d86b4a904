import Foundation

extension HTMLReport {
    /// One profile of a shared-axis figure: a value of the parameter and, per layer l, the geometric mean of
    /// D_l / D_0 over the ok jobs with that value that measured layer l.
    struct DecayProfile {
        let value: ParamValue
        let points: [(layer: Int, ratio: Double, jobs: Int)]
    }

    /// D_l / D_0 per value of `key` (values in order), over every ok job with a fit.
    func decayProfiles(for key: String) -> [DecayProfile] {
        var values: [ParamValue] = []
        for group in summary.groups { if let value = group.params[key], !values.contains(value) { values.append(value) } }
        values.sort { ParamOrder.less($0, $1) }
        return values.map { value in
            var logSums: [Int: (sum: Double, count: Int)] = [:]
            for group in summary.groups where group.params[key] == value {
                for job in okResults(of: group) {
                    guard let first = job.layers.first, first.D > 0, first.D.isFinite else { continue }
                    for layer in job.layers where layer.D > 0 && layer.D.isFinite {
                        let entry = logSums[layer.index] ?? (0, 0)
                        logSums[layer.index] = (entry.sum + log(layer.D / first.D), entry.count + 1)
                    }
                }
            }
            let points = logSums.keys.sorted().compactMap { layer -> (layer: Int, ratio: Double, jobs: Int)? in
                guard let entry = logSums[layer] else { return nil }
                return (layer, exp(entry.sum / Double(entry.count)), entry.count)
            }
            return DecayProfile(value: value, points: points)
        }
    }

    /// Test accuracy of every ok job against the learning rate (when `train.lr` varies) and the group means.
    var accuracyPoints: [(lr: Double, accuracy: Double, group: Int)] {
        guard summary.varyingKeys.contains("train.lr") else { return [] }
        var points: [(lr: Double, accuracy: Double, group: Int)] = []
        for (index, group) in summary.groups.enumerated() {
            guard let lr = Self.number(group.params["train.lr"]) else { continue }
            for id in group.ids {
                guard let job = results[id], job.status == .ok, let accuracy = job.testAccuracy else { continue }
                points.append((lr, accuracy, index))
            }
        }
        return points
    }

    /// Figures that compare groups on one axis: D_l / D_0 against l with one line per value of each varying
    /// parameter, and test accuracy against the learning rate.
    var comparisonSection: String? {
        var figures: [String] = []
        for key in summary.varyingKeys {
            let profiles = decayProfiles(for: key).filter { !$0.points.isEmpty }
            guard profiles.count >= 2 else { continue }
            let ratios = profiles.flatMap { $0.points.map(\.ratio) }, layers = profiles.flatMap { $0.points.map { Double($0.layer) } }
            let distinctLayers = Array(Set(layers)).sorted()
            var frame = ChartFrame(width: 560, height: 320, xValues: layers, yValues: ratios, yLog: true,
                                   title: "D_l / D_0 against layer, one line per \(key)", xLabel: "layer l",
                                   yLabel: "D_l / D_0 (log scale)", xTicks: distinctLayers.count <= 20 ? distinctLayers : nil)
            var legend: [(label: String, colour: String, dashed: Bool)] = []
            for (index, profile) in profiles.enumerated() {
                let colour = ChartFrame.colour(index), name = "\(key) = \(SweepSummary.text(profile.value))"
                legend.append((name, colour, false))
                frame.svg.group([("class", "profile"), ("data-key", key), ("data-series", profile.value.json)])
                frame.svg.polyline(profile.points.map { (frame.x(Double($0.layer)), frame.y($0.ratio)) },
                                   [("stroke", colour), ("stroke-width", "1.6")])
                for point in profile.points {
                    frame.svg.circle(frame.x(Double(point.layer)), frame.y(point.ratio), r: 3,
                                     [("fill", colour), ("data-layer", String(point.layer)), ("data-value", SweepSummary.number(point.ratio))],
                                     title: "\(name), l = \(point.layer): D_l/D_0 = \(point.ratio) (geometric mean of \(point.jobs) job(s))")
                }
                frame.svg.end()
            }
            figures.append("<figure data-compare=\"\(SVG.escape(key))\">" + frame.svg.rendered(label: "D_l over D_0 by \(key)")
                           + "<figcaption>" + Self.legend(legend) + "Geometric mean over the ok jobs (seeds and the other "
                           + "parameters pooled) of each value.</figcaption></figure>")
        }
        let points = accuracyPoints
        if !points.isEmpty {
            let lrs = points.map(\.lr), distinct = Array(Set(lrs)).sorted()
            var frame = ChartFrame(width: 560, height: 320, xValues: lrs, yValues: points.map(\.accuracy) + [0, 1],
                                   xLog: isLogAxis("train.lr"), title: "test accuracy against the learning rate",
                                   xLabel: "train.lr" + (isLogAxis("train.lr") ? " (log scale)" : ""), yLabel: "test accuracy",
                                   xTicks: distinct.count <= 12 ? distinct : nil)
            let others = summary.varyingKeys.filter { $0 != "train.lr" }
            var seriesOrder: [String] = [], series: [String: [Int]] = [:]
            for (index, group) in summary.groups.enumerated() {
                let name = others.isEmpty ? "all" : others.map { "\($0) = \(group.params[$0].map(SweepSummary.text) ?? "-")" }
                    .joined(separator: ", ")
                if series[name] == nil { seriesOrder.append(name) }
                series[name, default: []].append(index)
            }
            var legend: [(label: String, colour: String, dashed: Bool)] = []
            for (seriesIndex, name) in seriesOrder.enumerated() {
                let colour = ChartFrame.colour(seriesIndex)
                legend.append((name, colour, false))
                frame.svg.group([("class", "series"), ("data-series", name)])
                var means: [(Double, Double)] = []
                for index in series[name] ?? [] {
                    let group = summary.groups[index]
                    guard let lr = Self.number(group.params["train.lr"]) else { continue }
                    for point in points where point.group == index {
                        frame.svg.circle(frame.x(lr), frame.y(point.accuracy), r: 2, [("fill", colour), ("opacity", "0.45")])
                    }
                    if let mean = group.testAccuracyMean {
                        means.append((frame.x(lr), frame.y(mean)))
                        frame.svg.circle(frame.x(lr), frame.y(mean), r: 4,
                                         [("class", "mean"), ("fill", colour), ("data-group", String(index)),
                                          ("data-value", SweepSummary.number(mean))],
                                         title: "\(label(of: group)): mean test accuracy = \(mean)")
                    }
                }
                frame.svg.polyline(means, [("stroke", colour), ("stroke-width", "1.5")])
                frame.svg.end()
            }
            figures.append("<figure data-compare=\"accuracy-lr\">" + frame.svg.rendered(label: "test accuracy against learning rate")
                           + "<figcaption>" + (legend.count > 1 ? Self.legend(legend) : "")
                           + "Large dots: mean test accuracy of the group's ok jobs; small dots: single seeds.</figcaption></figure>")
        }
        guard !figures.isEmpty else { return nil }
        return """
            <section id="compare">
            <h2>Groups on shared axes</h2>
            <p class="note">The same y axis for every line, so that the decay of D<sub>l</sub> can be compared across \
            the values of each varying parameter.</p>
            <div class="multiples">
            \(figures.joined(separator: "\n"))
            </div>
            </section>
            """
    }
}
