/// A small RFC 4180 reader for tests that read seplaw's CSV files back.
public enum CSVRecords {
    /// Rows of an RFC 4180 CSV, keyed by the header.
    public static func read(_ csv: String) -> (header: [String], rows: [[String: String]]) {
        var lines: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var characters = Array(csv)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field); field = ""
            } else if character == "\n" {
                fields.append(field); field = ""
                lines.append(fields); fields = []
            } else {
                field.append(character)
            }
        }
        guard let header = lines.first else { return ([], []) }
        return (header, lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }
}
