import Foundation

extension HTMLReport {
    /// Every figure of `html` as a standalone SVG file (its own style sheet, white background), named by
    /// its place in the page and its label: `03-rho-against-model-depth.svg`.
    static func standaloneFigures(of html: String) -> [(name: String, svg: String)] {
        var figures: [(name: String, svg: String)] = []
        var rest = Substring(html)
        while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
            let element = String(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
            let label = element.firstRange(of: "aria-label=\"").map { range in
                String(element[range.upperBound...].prefix { $0 != "\"" })
            } ?? "figure"
            let name = String(format: "%02d-", figures.count + 1) + slug(label) + ".svg"
            guard let close = element.firstIndex(of: ">") else { continue }
            let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element[...close]
                + "\n<style>\n" + ReportStyle.standaloneCSS + "\n</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
                + element[element.index(after: close)...] + "\n"
            figures.append((name, svg))
        }
        return figures
    }

    /// `rho against model.depth` → `rho-against-model-depth` (lower case letters, digits and dashes).
    static func slug(_ label: String) -> String {
        var out = ""
        for character in label.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if !out.isEmpty && out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "figure" : String(out.prefix(60))
    }

    /// Writes the figures of `html` into `directory/figures/` (its earlier `.svg` files removed first); returns the paths.
    @discardableResult
    static func writeFigures(of html: String, to directory: String) throws(StoreError) -> [String] {
        let folder = directory + "/figures"
        try FileIO.makeDirectory(folder)
        let stale = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".svg") }
        for name in stale { try? FileManager.default.removeItem(atPath: folder + "/" + name) }
        var paths: [String] = []
        for figure in standaloneFigures(of: html) {
            let path = folder + "/" + figure.name
            try FileIO.writeAtomically(.init(figure.svg.utf8), to: path)
            paths.append(path)
        }
        return paths
    }
}
