import ArgumentParser
import Engine
import Sweep

/// `seplaw plan SPEC`: the expanded jobs of a sweep.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the jobs a sweep spec expands to.")

    @Argument(help: "The sweep spec (YAML).", completion: .file(extensions: ["yaml", "yml"]))
    var spec: String

    @Argument(help: ArgumentHelp("Overrides of the spec, Hydra style: train.lr=0.5 grid.model.depth=[2,4] seeds=[0,1] (values are YAML).",
                                 valueName: "key=value"))
    var overrides: [String] = []

    @Option(help: "GFLOP/s one core sustains in training, for the CPU-time estimate (`seplaw bench` measures it).")
    var rate: Double = 40

    @Flag(help: "Plan for another machine: list the jobs without checking that their data is here.")
    var noDataCheck = false

    @Flag(help: "List every job, however many (by default a sweep of more than \(Plan.tableLimit) jobs lists its first \(Plan.tableLimit)).")
    var all = false

    /// Jobs the table lists unless `--all` is given.
    static let tableLimit = 1000

    /// Lists the jobs, then checks their data: a spec whose data is missing is listed and then refused.
    func run() throws {
        let (sweep, plans) = try loadPlans(spec, overrides: overrides, checkingData: false)
        let keys = sweep.varyingKeys
        print("sweep \(sweep.name): \(sweep.jobs.count) job\(sweep.jobs.count == 1 ? "" : "s") from \(sweep.file)"
              + (sweep.overrides.isEmpty ? "" : " with " + sweep.overrides.map(SweepCommand.shellQuoted).joined(separator: " ")))
        let header = ["#", "id"] + (keys.isEmpty ? [] : keys) + ["seed", "time", "peak memory"]
        let listed = all ? plans.count : min(plans.count, Self.tableLimit)
        var rows: [[String]] = []
        rows.reserveCapacity(listed)
        var previous: (job: JobSpec, params: [String: ParamValue])?
        for (index, job) in sweep.jobs.prefix(listed).enumerated() {
            // The jobs of one setting differ only in seed, which has its own column.
            let params = previous.flatMap { job.differsOnlyInSeed(from: $0.job) ? $0.params : nil } ?? job.params
            previous = (job, params)
            rows.append([String(index), plans[index].id] + keys.map { params[$0]?.description ?? "-" } + [String(job.seed)]
                        + [Self.duration(plans[index].estimatedSeconds(gflops: rate) / 3600, unit: ""),
                           MemoryEstimate.format(plans[index].peakMemory.total)])
        }
        print(TextTable(header: header, rows: rows).rendered)
        if listed < plans.count {
            print("… and \(plans.count - listed) more jobs (`seplaw plan --all` lists every one)")
        }
        if keys.isEmpty, let first = sweep.jobs.first {
            print("parameters: " + first.params.keys.sorted().map { "\($0)=\(first.params[$0]!.description)" }.joined(separator: " "))
        }
        // One pass over the plans, by index (a plan is large to copy): the largest job (the first of equals) and the sums.
        var largest: Int?
        var flops = 0.0, data = 0.0, seconds = 0.0
        for index in plans.indices {
            if largest.map({ plans[$0].peakMemory.total < plans[index].peakMemory.total }) ?? true { largest = index }
            flops += plans[index].estimatedFlops
            data += plans[index].estimatedDataSeconds
            seconds += plans[index].estimatedSeconds(gflops: rate)
        }
        if let largest = largest.map({ plans[$0].peakMemory }) {
            print("peak memory of the largest job: \(MemoryEstimate.format(largest.total)) (\(largest.breakdown)) "
                  + "of this machine's \(MemoryEstimate.format(MemoryEstimate.physicalMemory))")
        }
        let hours = seconds / 3600
        print("work: \(String(format: "%.3g", flops / 1e12)) TFLOP of matrix products and \(Self.duration(data / 3600, unit: "")) "
            + "of data preparation ≈ \(Self.duration(hours)) of one core at \(String(format: "%g", rate)) GFLOP/s "
            + "(the time column: each job; data preparation is nearly free once the dataset cache holds it)")
        guard !noDataCheck else { return }
        do {
            try sweep.checkData(plans)
        } catch {
            throw ValidationError(error.description + " (--no-data-check plans without it)")
        }
    }

    /// `0.42 CPU-hours`, or minutes / seconds when shorter.
    static func duration(_ hours: Double, unit: String = "CPU-") -> String {
        if hours >= 1 { return String(format: "%.1f \(unit)hours", hours) }
        if hours * 60 >= 1 { return String(format: "%.0f \(unit)minutes", hours * 60) }
        return String(format: hours * 3600 >= 10 ? "%.0f \(unit)seconds" : "%.1f \(unit)seconds", hours * 3600)
    }
}
