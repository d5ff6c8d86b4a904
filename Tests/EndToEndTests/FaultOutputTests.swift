@testable import Sweep
import TestSupport
import XCTest

/// An `--out` that cannot hold results (under a regular file, on a read-only file system, on a full
/// disk) is refused with an error naming it before any job runs (exit status 2).
final class FaultOutputTests: XCTestCase {
    private let spec = TinySpecs.grid(name: "out-faults", epochs: 5, depths: [1, 2], seeds: [0])

    /// Mounts a fresh tmpfs (root only) with `options`, unmounted when the test ends; skips where mount fails.
    private func mountTmpfs(_ options: String) throws -> String {
        let directory = try SweepHarness.temporaryDirectory("mount").path
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", options, "seplaw-test", directory]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else {
            throw XCTSkip("cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): the read-only / full-disk case is not tested")
        }
        addTeardownBlock {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = ["-l", directory]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        return directory
    }

    /// Runs the sweep into `out` and checks that it was refused before any job ran.
    private func assertRefusedBeforeAnyJob(out: String, mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let path = try SweepHarness.writeSpec(spec)
        let ids = try SweepHarness.jobIDs(path)
        // Every job would hang: had one started, the 20 s timeout below would fail the test.
        let hang = ids.map { "\($0):hang" }.joined(separator: ",")
        let outcome = try SweepHarness.run(["sweep", path, "--out", out], environment: ["SEPLAW_INJECT_FAULT": hang], timeout: 20)
        XCTAssertEqual(outcome.status, 2, outcome.combined, file: file, line: line)
        XCTAssertTrue(outcome.stderr.hasPrefix("error: "), outcome.combined, file: file, line: line)
        for text in mentions { XCTAssertTrue(outcome.stderr.contains(text), "\(text) not in: \(outcome.stderr)", file: file, line: line) }
        XCTAssertFalse(outcome.stdout.contains("to run;"), "the sweep started: \(outcome.stdout)", file: file, line: line)
        XCTAssertEqual(SweepHarness.lineCount(out + "/results.jsonl"), 0, file: file, line: line)
    }

    func testOutBelowARegularFileIsRefused() throws {
        let file = try SweepHarness.temporaryDirectory("file").appendingPathComponent("not-a-directory").path
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        try assertRefusedBeforeAnyJob(out: file + "/results", mentions: [file])
    }

    func testReadOnlyOutIsRefused() throws {
        let mount = try mountTmpfs("ro,size=1m")
        try assertRefusedBeforeAnyJob(out: mount + "/results", mentions: [mount + "/results", "read only"])
    }

    func testFullDiskIsRefusedBeforeAnyJobOnResume() throws {
        let mount = try mountTmpfs("size=512k")
        let out = mount + "/results"
        // A directory that already holds this sweep (as after an earlier run): resuming writes nothing
        // until the first result, so only the write check can catch the full disk in time.
        let path = try SweepHarness.writeSpec(spec)
        do { _ = try ResultStore(directory: out, spec: try SweepSpec.load(path: path)) }
        XCTAssertTrue(FileManager.default.createFile(atPath: mount + "/filler", contents: nil))
        let filler = try XCTUnwrap(FileHandle(forWritingAtPath: mount + "/filler"))
        let chunk = Data(repeating: 0x2A, count: 16 << 10)
        while (try? filler.write(contentsOf: chunk)) != nil {}
        try? filler.close()

        let ids = try SweepHarness.jobIDs(path)
        let hang = ids.map { "\($0):hang" }.joined(separator: ",")
        let outcome = try SweepHarness.run(["sweep", path, "--out", out], environment: ["SEPLAW_INJECT_FAULT": hang], timeout: 20)
        XCTAssertEqual(outcome.status, 2, outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("error: \(out): cannot store results here"), outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("No space left on device"), outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("no job was started"), outcome.combined)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out + "/logs"), [])
    }
}
