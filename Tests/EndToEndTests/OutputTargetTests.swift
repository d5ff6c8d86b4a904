import Foundation
import Sweep
import TestSupport
import XCTest

/// Where `seplaw run --json` may write: a regular file is replaced atomically; a device or FIFO is written
/// into, never replaced; a write that fails is a failing exit.
final class OutputTargetTests: XCTestCase {
    private func spec() throws -> String {
        try SweepHarness.writeSpec(TinySpecs.grid(name: "targets", epochs: 2, depths: [1], seeds: [0]))
    }

    func testAMissingDirectoryIsAFailingExitNamingThePath() throws {
        let run = try SweepHarness.run(["run", try spec(), "--json", "/nonexistent-seplaw-dir/x.json"])
        XCTAssertNotEqual(run.status, 0, run.combined)
        XCTAssertTrue(run.stderr.contains("/nonexistent-seplaw-dir/x.json"), run.stderr)
    }

    func testDevicesAreWrittenIntoNotReplaced() throws {
        let run = try SweepHarness.run(["run", try spec(), "--json", "/dev/null"])
        XCTAssertEqual(run.status, 0, run.combined)
        var status = stat()
        XCTAssertEqual(stat("/dev/null", &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a character device")

        let toStdout = try SweepHarness.run(["run", try spec(), "--json", "/dev/stdout"])
        XCTAssertEqual(toStdout.status, 0, toStdout.combined)
        XCTAssertTrue(toStdout.stdout.contains("\"epochs_completed\""), "the JSON arrives on standard output")
    }

    func testAFIFOWithoutReaderFailsInsteadOfWaiting() throws {
        let directory = try SweepHarness.temporaryDirectory("fifo")
        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let run = try SweepHarness.run(["run", try spec(), "--json", fifo])
        XCTAssertNotEqual(run.status, 0, run.combined)
        XCTAssertTrue(run.stderr.contains("FIFO"), run.stderr)
        var status = stat()
        XCTAssertEqual(stat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")
    }

    func testASymbolicLinkStaysALink() throws {
        let directory = try SweepHarness.temporaryDirectory("link")
        let file = directory.appendingPathComponent("result.json").path, link = directory.appendingPathComponent("latest.json").path
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("old".utf8)))
        XCTAssertEqual(symlink(file, link), 0)
        let run = try SweepHarness.run(["run", try spec(), "--json", link])
        XCTAssertEqual(run.status, 0, run.combined)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), file, "the link is kept")
        XCTAssertTrue(try String(contentsOfFile: file, encoding: .utf8).contains("\"epochs_completed\""), "its file is replaced")
    }

    func testADirectoryIsRefused() throws {
        let directory = try SweepHarness.temporaryDirectory("as-target").path
        let run = try SweepHarness.run(["run", try spec(), "--json", directory])
        XCTAssertNotEqual(run.status, 0, run.combined)
        XCTAssertTrue(run.stderr.contains("is a directory"), run.stderr)
    }
}
