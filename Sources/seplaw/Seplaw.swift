import ArgumentParser
import BuildInfo
import Foundation

/// The `seplaw` command line.
@main
struct Seplaw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seplaw",
        abstract: "Sweeps of neural-network training jobs that measure the law of data separation.",
        version: "seplaw " + BuildInfo.description,
        subcommands: [Plan.self, Run.self, Measure.self, SweepCommand.self, Summarize.self, Report.self, Bench.self, WorkerJob.self])

    /// Parses and runs like ArgumentParser's own `main`, except that a mistyped subcommand gets a suggestion,
    /// and an error found while running (a spec error) is followed by that subcommand's usage, not the top level's.
    static func main() {
        BLASCoreSelection.restartOnPreferredCore()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !hiddenSubcommandNames.contains(first),
           let message = SubcommandSuggestion.message(for: first, among: subcommandNames) {
            StandardError.write("Error: \(message)\nUsage: \(usageString())\n  See 'seplaw --help' for more information.\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            let type = type(of: command), name = type._commandName
            let usage = type == Seplaw.self ? usageString() : "seplaw " + type.usageString()
            StandardError.write("Error: \(error.message)\nUsage: \(usage)\n"
                                + "  See 'seplaw\(type == Seplaw.self ? "" : " " + name) --help' for more information.\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
    }

    /// Internal subcommands (valid, never suggested).
    static var hiddenSubcommandNames: [String] {
        configuration.subcommands.filter { !$0.configuration.shouldDisplay }.map { $0._commandName }
    }

    /// The names a first argument may be, the internal ones aside.
    static var subcommandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName } + ["help"]
    }
}
