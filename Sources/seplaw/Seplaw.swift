import ArgumentParser

/// The `seplaw` command line.
@main
struct Seplaw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seplaw",
        abstract: "Sweeps of neural-network training jobs that measure the law of data separation.",
        subcommands: [Plan.self, Run.self, Measure.self, SweepCommand.self, Summarize.self, Report.self, Bench.self, WorkerJob.self])
}
