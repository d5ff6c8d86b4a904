import ArgumentParser
import XCTest
@testable import seplaw

/// The command line's own pieces, in process.
final class CommandLineTests: XCTestCase {
    func testShellQuotingRoundTripsThroughASh() throws {
        let words = ["plain", "with space", "it's", "", "a$b", "semi;colon", "path/to-file_1.yaml"]
        for word in words {
            let quoted = SweepCommand.shellQuoted(word)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "printf %s " + quoted]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), word, quoted)
        }
    }

    func testEverySubcommandParsesItsHelp() {
        for command in Seplaw.configuration.subcommands {
            XCTAssertFalse(command.configuration.abstract.isEmpty, "\(command)")
        }
        XCTAssertThrowsError(try Seplaw.parseAsRoot(["nonsense-subcommand"]))
    }
}

/// Small frictions of the command line.
final class CommandLineFrictionTests: XCTestCase {
    func testAMistypedSubcommandGetsASuggestion() {
        let names = Seplaw.subcommandNames
        XCTAssertEqual(SubcommandSuggestion.message(for: "sweeep", among: names), "unknown subcommand 'sweeep' (did you mean 'sweep'?)")
        XCTAssertEqual(SubcommandSuggestion.message(for: "sumarize", among: names),
                       "unknown subcommand 'sumarize' (did you mean 'summarize'?)")
        XCTAssertEqual(SubcommandSuggestion.message(for: "rep", among: names), "unknown subcommand 'rep' (did you mean 'report'?)")
        XCTAssertTrue(SubcommandSuggestion.message(for: "xyzzy", among: names)?.contains("the subcommands are plan, run") == true)
        XCTAssertNil(SubcommandSuggestion.message(for: "sweep", among: names))
        XCTAssertNil(SubcommandSuggestion.message(for: "--version", among: names))
        XCTAssertFalse(names.contains("worker-job"), "the internal subcommand is not suggested")
        XCTAssertEqual(Seplaw.hiddenSubcommandNames, ["worker-job"], "but it is not refused either")
    }

    func testComputedLearningRatesPrintAsWritten() {
        XCTAssertEqual((0.1 * 0.1).shortText, "0.01")
        XCTAssertEqual((0.1 + 0.2).shortText, "0.3")
        XCTAssertEqual(0.05.shortText, "0.05")
    }

    func testReportAcceptsANegativeThresholdAfterTheOption() throws {
        let command = try Seplaw.parseAsRoot(["report", "DIR", "--emergence-threshold", "-0.95"])
        XCTAssertEqual((command as? Report)?.emergenceThreshold, -0.95)
    }

    func testBenchRoundsNeedTheThreadedTimings() throws {
        let command = try Seplaw.parseAsRoot(["bench", "--threaded", "--threads", "2", "--rounds", "3"])
        XCTAssertEqual((command as? Bench)?.rounds, 3)
        XCTAssertThrowsError(try Seplaw.parseAsRoot(["bench", "--threaded", "--rounds", "0"]))
        XCTAssertThrowsError(try Seplaw.parseAsRoot(["bench", "--rounds", "3"]), "rounds without --threaded")
        XCTAssertThrowsError(try Seplaw.parseAsRoot(["bench", "--layers"]), "layers without --threaded")
    }

    func testBenchMediansTakeTheMiddleRound() {
        XCTAssertEqual(ThreadedTrainingBench.median([1.9, 1.2, 1.7]), 1.7)
        XCTAssertEqual(ThreadedTrainingBench.median([2, 1, 4, 3]), 2.5)
        XCTAssertEqual(ThreadedTrainingBench.median([1.5]), 1.5)
        XCTAssertTrue(ThreadedTrainingBench.median([]).isNaN)
    }

    func testOverridesFollowTheSpec() throws {
        let command = try Seplaw.parseAsRoot(["sweep", "spec.yaml", "train.lr=0.5", "grid.model.depth=[2,4]", "--out", "DIR"])
        XCTAssertEqual((command as? SweepCommand)?.overrides, ["train.lr=0.5", "grid.model.depth=[2,4]"])
    }
}
