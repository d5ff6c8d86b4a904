import Foundation

extension SweepSummary {
    /// The shape of `summary.json`.
    struct Document: Codable {
        var name: String
        var jobCount: Int
        var statusCounts: [String: Int]
        var varying: [String]
        var emergenceThreshold: Double
        var groups: [SummaryGroup]
        var jobs: [SummaryRow]

        enum CodingKeys: String, CodingKey {
            case name, varying, groups, jobs
            case jobCount = "job_count"
            case statusCounts = "status_counts"
            case emergenceThreshold = "emergence_threshold"
        }
    }

    /// `summary.json`: the groups and the rows, keys sorted, non-finite numbers as strings.
    public func json() throws -> Data {
        let document = Document(name: name, jobCount: rows.count, statusCounts: statusCounts, varying: varyingKeys,
                                emergenceThreshold: emergenceThreshold,
                                groups: groups, jobs: rows)
        var data = try JSONCoding.encoder(pretty: true).encode(document)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
