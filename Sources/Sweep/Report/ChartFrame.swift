/// One chart's axes: plot area, scales, grid lines, tick labels, axis titles and a title, drawn into an SVG.
struct ChartFrame {
    /// Colour-blind-safe series colours (Okabe–Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933"]

    static func colour(_ index: Int) -> String { palette[((index % palette.count) + palette.count) % palette.count] }

    var svg: SVG
    let x: PlotScale
    let y: PlotScale

    /// A `width × height` chart whose plot area leaves room for tick labels and titles.
    init(width: Double, height: Double, xValues: [Double], yValues: [Double], xLog: Bool = false, yLog: Bool = false,
         title: String, xLabel: String, yLabel: String, xTicks: [Double]? = nil) {
        let left = 58.0, right = 12.0, top = 30.0, bottom = 44.0
        svg = SVG(width: width, height: height)
        x = PlotScale(covering: xValues, start: left, end: width - right, log: xLog)
        y = PlotScale(covering: yValues, start: height - bottom, end: top, log: yLog)
        svg.rect(left, top, width - left - right, height - top - bottom, [("class", "plot-area")])
        for tick in y.ticks() {
            svg.line(left, y(tick), width - right, y(tick), [("class", "grid")])
            svg.text(left - 5, y(tick) + 4, PlotScale.label(tick), anchor: "end", [("class", "tick")])
        }
        for tick in xTicks ?? x.ticks() where tick >= x.lower && tick <= x.upper {
            svg.line(x(tick), top, x(tick), height - bottom, [("class", "grid")])
            svg.text(x(tick), height - bottom + 15, PlotScale.label(tick), anchor: "middle", [("class", "tick")])
        }
        svg.text(width / 2, 18, title, anchor: "middle", [("class", "chart-title")])
        svg.text((left + width - right) / 2, height - 8, xLabel, anchor: "middle", [("class", "axis-label")])
        svg.text(14, (top + height - bottom) / 2, yLabel, anchor: "middle",
                 [("class", "axis-label"), ("transform", "rotate(-90 14 \(SVG.n((top + height - bottom) / 2)))")])
    }

    /// Whether a value lies inside the y range (for clipping lines by hand).
    func clampY(_ value: Double) -> Double { min(max(value, y.lower), y.upper) }
}
