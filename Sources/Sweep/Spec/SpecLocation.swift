/// Where a value of a job came from: its line in the spec file and, when it came from the grid or a case,
/// the suffix that says so (` (from grid)`).
struct SpecLocation: Sendable {
    var line: Int?
    var origin: String
}
