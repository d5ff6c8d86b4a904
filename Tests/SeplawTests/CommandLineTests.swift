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
