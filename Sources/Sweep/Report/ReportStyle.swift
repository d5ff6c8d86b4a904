/// The report's inline style sheet (system fonts only: nothing is fetched).
enum ReportStyle {
    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; margin: 24px; color: #222;
               background: #fff; max-width: 1240px; }
        h1 { font-size: 22px; margin: 0 0 6px; } h2 { font-size: 18px; margin: 28px 0 6px; border-bottom: 1px solid #ddd; }
        h3 { font-size: 15px; margin: 18px 0 4px; } #heatmap figure { display: inline-block; }
        p { margin: 4px 0 8px; line-height: 1.4; } p.note { color: #555; font-size: 13px; }
        code { font-size: 12px; background: #f3f3f3; padding: 0 3px; }
        .multiples { display: flex; flex-wrap: wrap; gap: 10px; }
        figure { margin: 0; border: 1px solid #e3e3e3; padding: 4px; background: #fff; }
        figcaption { font-size: 12px; color: #333; max-width: 300px; padding: 2px 4px; }
        svg text { font-family: inherit; }
        \(figureCSS)
        ul.legend { list-style: none; padding: 0; margin: 4px 0 10px; display: flex; flex-wrap: wrap; gap: 4px 16px;
                    font-size: 12px; }
        .swatch { display: inline-block; width: 14px; height: 0; border-top: 3px solid; margin-right: 5px;
                  vertical-align: middle; }
        .swatch.dashed { border-top-style: dashed; }
        .swatch.box { height: 12px; border: 1px solid #999; }
        table { border-collapse: collapse; font-size: 12px; margin: 6px 0 14px; }
        th, td { border: 1px solid #ddd; padding: 3px 6px; text-align: right; white-space: nowrap; }
        th { background: #f4f4f4; } td.text { text-align: left; }
        tr.failed td { background: #fff3f0; }
        p.status-note { background: #fff4d6; border: 1px solid #e0b84a; padding: 6px 10px; }
        details { overflow-x: auto; }
        details summary { cursor: pointer; font-size: 14px; margin: 6px 0; }
        """

    /// The figures' rules, shared by the page and the standalone SVG files.
    private static let figureCSS = """
        .plot-area { fill: #fcfcfc; stroke: #999; stroke-width: 1; }
        .grid { stroke: #e6e6e6; stroke-width: 1; }
        .tick { font-size: 10px; fill: #555; } .axis-label { font-size: 11px; fill: #222; }
        .chart-title { font-size: 12px; font-weight: 600; fill: #222; }
        .fit { stroke-width: 1.6; } .test-fit { stroke-width: 1.2; stroke-dasharray: 5 3; }
        .threshold { stroke: #777; stroke-width: 1; stroke-dasharray: 4 3; }
        .milestone { stroke: #bbb; stroke-width: 1; stroke-dasharray: 2 3; }
        .cell-text { font-size: 11px; } .heat-label { font-size: 11px; fill: #222; }
        """

    /// The figures' part of the style sheet, for standalone SVG files (`DIR/figures/`).
    static let standaloneCSS = """
        svg { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        \(figureCSS)
        """
}
