import Foundation

/// A tiny SVG writer: elements are appended as text with escaped attributes, coordinates rounded to
/// 0.1 px. `rendered` is an inline `<svg>` element with a `viewBox`, for embedding in HTML.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Escapes text for HTML/SVG content and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with one decimal.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    mutating func raw(_ text: String) { body.append(text) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: [(String, String)] = []) {
        body.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\""
                    + Self.attributes(attributes) + "/>")
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, _ attributes: [(String, String)] = [], title: String? = nil) {
        let open = "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\"" + Self.attributes(attributes)
        body.append(title.map { open + "><title>\(Self.escape($0))</title></circle>" } ?? open + "/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ attributes: [(String, String)] = [],
                       title: String? = nil) {
        let open = "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(w))\" height=\"\(Self.n(h))\""
            + Self.attributes(attributes)
        body.append(title.map { open + "><title>\(Self.escape($0))</title></rect>" } ?? open + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], _ attributes: [(String, String)] = []) {
        guard points.count >= 2 else { return }
        let list = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(list)\" fill=\"none\"" + Self.attributes(attributes) + "/>")
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start",
                       _ attributes: [(String, String)] = []) {
        body.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor)\"" + Self.attributes(attributes)
                    + ">\(Self.subscripted(content))</text>")
    }

    /// Escaped text whose `D_l`, `D_0`, `D_L` (D, an underscore and a layer) show the layer as a real subscript
    /// (a smaller `<tspan>` shifted down, absolute sizes so that every renderer reads them alike), not a literal
    /// underscore.
    static func subscripted(_ text: String) -> String {
        var out = "", plain = "", shifted = false, rest = Substring(text)
        func flush() {
            guard !plain.isEmpty else { return }
            // Renderers drop a leading space of a `<tspan>`: it becomes a shift of about a space's width.
            if shifted && plain.hasPrefix(" ") {
                out += "<tspan dx=\"3\" dy=\"-3\">" + escape(String(plain.dropFirst())) + "</tspan>"
            } else {
                out += shifted ? "<tspan dy=\"-3\">" + escape(plain) + "</tspan>" : escape(plain)
            }
            shifted = false
            plain = ""
        }
        while let range = rest.range(of: "D_") {
            let before = rest[..<range.lowerBound], after = rest[range.upperBound...]
            let index = after.prefix { $0.isNumber || $0 == "l" || $0 == "L" }
            let endsWord = after.dropFirst(index.count).first.map { !($0.isLetter || $0.isNumber || $0 == "_") } ?? true
            let startsWord = before.last.map { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") } ?? true
            plain += before
            guard !index.isEmpty, endsWord, startsWord else {
                plain += "D_"
                rest = after
                continue
            }
            plain += "D"
            flush()
            out += "<tspan class=\"sub\" dy=\"3\" font-size=\"8.5\">" + escape(String(index)) + "</tspan>"
            shifted = true
            rest = after.dropFirst(index.count)
        }
        plain += rest
        flush()
        return out
    }

    /// Opens a group; close it with `end()`.
    mutating func group(_ attributes: [(String, String)]) { body.append("<g" + Self.attributes(attributes) + ">") }
    mutating func end() { body.append("</g>") }

    /// The `<svg>` element; `label` becomes its accessible name.
    func rendered(label: String, attributes: [(String, String)] = []) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" "
            + "height=\"\(Self.n(height))\" role=\"img\" aria-label=\"\(Self.escape(label))\"" + Self.attributes(attributes)
            + ">\n" + body.joined(separator: "\n") + "\n</svg>"
    }
}
