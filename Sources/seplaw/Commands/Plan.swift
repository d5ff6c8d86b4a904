import ArgumentParser
import Sweep

/// `seplaw plan SPEC`: the expanded jobs of a sweep.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the jobs a sweep spec expands to.")

    @Argument(help: "The sweep spec (YAML).")
    var spec: String

    func run() throws {
        let sweep = try loadSpec(spec)
        let keys = sweep.varyingKeys
        print("sweep \(sweep.name): \(sweep.jobs.count) job\(sweep.jobs.count == 1 ? "" : "s") from \(sweep.file)")
        let header = ["#", "id"] + (keys.isEmpty ? [] : keys) + ["seed"]
        var rows: [[String]] = []
        for (index, job) in sweep.jobs.enumerated() {
            let params = job.params
            rows.append([String(index), job.id] + keys.map { params[$0]?.description ?? "-" } + [String(job.seed)])
        }
        print(TextTable(header: header, rows: rows).rendered)
        if keys.isEmpty, let first = sweep.jobs.first {
            print("parameters: " + first.params.keys.sorted().map { "\($0)=\(first.params[$0]!.description)" }.joined(separator: " "))
        }
    }
}
