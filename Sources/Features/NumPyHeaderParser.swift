/// A parser for the one Python literal a `.npy` header holds: a dict of `descr`, `fortran_order`, `shape`.
///
/// Accepts exactly what NumPy writes (and hand-written variants: either quote, any whitespace, trailing
/// commas); anything else is an error that quotes the header.
struct NumPyHeaderParser {
    struct Fields {
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
    }

    private let characters: [Character]
    private let text: String
    private let path: String
    private var position = 0

    init(text: String, path: String) {
        self.text = text
        self.characters = Array(text)
        self.path = path
    }

    mutating func parseDictionary() throws(FeatureFileError) -> Fields {
        var fields = Fields()
        try expect("{")
        while true {
            skipSpace()
            if peek == "}" { position += 1; break }
            let key = try parseString()
            try expect(":")
            skipSpace()
            switch key {
            case "descr":
                guard fields.descr == nil else { throw fail("the key 'descr' appears twice") }
                if peek == "[" { throw fail("structured (record) element types are not supported; save a plain numeric array") }
                fields.descr = try parseString()
            case "fortran_order":
                guard fields.fortranOrder == nil else { throw fail("the key 'fortran_order' appears twice") }
                fields.fortranOrder = try parseBool()
            case "shape":
                guard fields.shape == nil else { throw fail("the key 'shape' appears twice") }
                fields.shape = try parseTuple()
            default:
                throw fail("unexpected key '\(key)'; a .npy header has only 'descr', 'fortran_order' and 'shape'")
            }
            skipSpace()
            if peek == "," { position += 1; continue }
            skipSpace()
            if peek == "}" { position += 1; break }
            throw fail("expected ',' or '}' at character \(position)")
        }
        skipSpace()
        guard position == characters.count else { throw fail("unexpected text after the header dict at character \(position)") }
        return fields
    }

    private var peek: Character? { position < characters.count ? characters[position] : nil }

    private mutating func skipSpace() {
        while let c = peek, c == " " || c == "\n" || c == "\t" || c == "\r" { position += 1 }
    }

    private mutating func expect(_ c: Character) throws(FeatureFileError) {
        skipSpace()
        guard peek == c else { throw fail("expected '\(c)' at character \(position)") }
        position += 1
    }

    private mutating func parseString() throws(FeatureFileError) -> String {
        skipSpace()
        guard let quote = peek, quote == "'" || quote == "\"" else { throw fail("expected a quoted string at character \(position)") }
        position += 1
        var value = ""
        while let c = peek, c != quote {
            guard value.count < 64 else { throw fail("a string in the header is longer than 64 characters") }
            value.append(c)
            position += 1
        }
        guard peek == quote else { throw fail("unterminated string in the header") }
        position += 1
        return value
    }

    private mutating func parseBool() throws(FeatureFileError) -> Bool {
        for (word, value) in [("True", true), ("False", false)] where matches(word) {
            position += word.count
            return value
        }
        throw fail("'fortran_order' must be True or False (at character \(position))")
    }

    private func matches(_ word: String) -> Bool {
        let w = Array(word)
        guard position + w.count <= characters.count else { return false }
        return Array(characters[position..<(position + w.count)]) == w
    }

    private mutating func parseTuple() throws(FeatureFileError) -> [Int] {
        guard peek == "(" else { throw fail("'shape' must be a tuple of integers (at character \(position))") }
        position += 1
        var values: [Int] = []
        while true {
            skipSpace()
            if peek == ")" { position += 1; return values }
            var digits = ""
            while let c = peek, c.isASCII, c.isNumber {
                digits.append(c)
                position += 1
            }
            if peek == "L" { position += 1 } // Python 2 long suffix
            guard !digits.isEmpty else { throw fail("'shape' must hold non-negative integers (at character \(position))") }
            guard digits.count <= 18, let value = Int(digits) else { throw fail("shape dimension \(digits) is too large") }
            guard values.count < NumPyHeader.maximumDimensions else {
                throw fail("shape has more than \(NumPyHeader.maximumDimensions) dimensions")
            }
            values.append(value)
            skipSpace()
            if peek == "," { position += 1; continue }
            skipSpace()
            guard peek == ")" else { throw fail("expected ',' or ')' in 'shape' at character \(position)") }
        }
    }

    private func fail(_ message: String) -> FeatureFileError {
        FeatureFileError(path: path, message: "bad .npy header (\(message)): \(text.trimmed)")
    }
}
