import Foundation
import Sweep
import TestSupport
import XCTest

/// `seplaw measure DIR… --out RESULTDIR` through the real binary: results, summary and report; resuming; a corrupt
/// directory among good ones; the same D under mpirun as in one process.
final class MeasureResultDirectoryTests: XCTestCase {
    /// Three feature directories (different scatter) under a fresh temporary directory.
    private func featureDirectories(_ count: Int = 3) throws -> [String] {
        let root = try SweepHarness.temporaryDirectory("features").path
        return try (0..<count).map { index in
            let directory = "\(root)/model\(index)"
            try FeatureFixtures.write(directory, seed: UInt64(index + 1), spread: Float(index + 1))
            return directory
        }
    }

    /// The D values of `measure DIR --json` (the in-process path, checked against the naive formula in FeaturesTests).
    private func singleMeasurementD(_ directory: String) throws -> [UInt64] {
        let json = try SweepHarness.temporaryDirectory("json").path + "/result.json"
        let outcome = try SweepHarness.run(["measure", directory, "--json", json])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        // JSONDecoder, as the store reads results (JSONSerialization may round the last bit differently).
        let measured = try JSONCoding.decoder().decode(Measured.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        return measured.layers.map(\.D.bitPattern)
    }

    /// The part of `measure --json`'s output compared here.
    private struct Measured: Decodable {
        struct Layer: Decodable { var D: Double }
        var layers: [Layer]
    }

    func testSeveralDirectoriesWriteResultsSummaryAndReport() throws {
        let directories = try featureDirectories()
        let out = try SweepHarness.temporaryDirectory("measured").path
        let outcome = try SweepHarness.run(["measure"] + directories + ["--out", out])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        XCTAssertTrue(outcome.stdout.contains("3 directories: 3 to measure"), outcome.stdout)

        let results = try SweepHarness.results(in: out)
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(Set(results.compactMap(\.spec.features?.directory)), Set(directories))
        for result in results {
            XCTAssertEqual(result.status, .ok, result.message ?? "")
            XCTAssertEqual(result.layers.count, 3)
            XCTAssertNotNil(result.fit)
            // The id is the content's and the options', not the location's.
            XCTAssertEqual(result.params["features.directory"], .string(result.spec.features?.directory ?? ""))
            let directory = try XCTUnwrap(result.spec.features?.directory)
            XCTAssertEqual(result.layers.map(\.D.bitPattern), try singleMeasurementD(directory), directory)
        }
        for name in ["summary.csv", "summary.json", "summary.md", "layers.csv", "groups.csv", "report.html", "failed.txt", "sweep.yaml"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(name)"), name)
        }
        XCTAssertEqual(SweepHarness.lineCount(out + "/summary.csv"), 4)
        XCTAssertEqual(SweepHarness.lineCount(out + "/layers.csv"), 10)
        XCTAssertEqual(try String(contentsOfFile: out + "/failed.txt", encoding: .utf8), "")
        let figures = try FileManager.default.contentsOfDirectory(atPath: out + "/figures")
        XCTAssertFalse(figures.filter { $0.hasSuffix(".svg") }.isEmpty, "\(figures)")
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(report.contains("model1"), "the report names the directories")
    }

    func testRunningAgainResumesAndCutsATornLine() throws {
        let directories = try featureDirectories()
        let out = try SweepHarness.temporaryDirectory("resume").path
        XCTAssertEqual(try SweepHarness.run(["measure"] + directories + ["--out", out]).status, 0)
        let first = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8)

        let again = try SweepHarness.run(["measure"] + directories + ["--out", out])
        XCTAssertEqual(again.status, 0, again.combined)
        XCTAssertTrue(again.stdout.contains("3 directories: 3 measured, 0 to measure"), again.stdout)
        XCTAssertEqual(try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8), first)

        // A run killed while writing its last line: that line is cut (with the sweep's warning), its directory
        // measured again; the others are not.
        var lines = first.split(separator: "\n").map(String.init)
        let torn = lines.removeLast()
        try (lines.map { $0 + "\n" }.joined() + torn.prefix(torn.count / 2)).write(toFile: out + "/results.jsonl", atomically: true,
                                                                                      encoding: .utf8)
        let resumed = try SweepHarness.run(["measure"] + directories + ["--out", out])
        XCTAssertEqual(resumed.status, 0, resumed.combined)
        XCTAssertTrue(resumed.stderr.contains("torn last line"), resumed.stderr)
        XCTAssertTrue(resumed.stdout.contains("2 measured, 1 to measure"), resumed.stdout)
        let after = try SweepHarness.results(in: out)
        XCTAssertEqual(after.count, 3)
        let before = try first.split(separator: "\n").map { try JSONCoding.decoder().decode(JobResult.self, from: Data($0.utf8)) }
        XCTAssertEqual(SweepHarness.fuzziness(after), SweepHarness.fuzziness(before))
    }

    func testCorruptDirectoryIsRecordedFailedNamingItsFile() throws {
        let directories = try featureDirectories()
        let corrupt = directories[1] + "/01_layer.npy"
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: corrupt))
        try handle.truncate(atOffset: 100)
        try handle.close()
        let out = try SweepHarness.temporaryDirectory("corrupt").path
        let outcome = try SweepHarness.run(["measure"] + directories + ["--out", out])
        XCTAssertEqual(outcome.status, 1, outcome.combined)

        let results = try SweepHarness.results(in: out)
        XCTAssertEqual(results.count, 3)
        let failed = try XCTUnwrap(results.first { $0.spec.features?.directory == directories[1] })
        XCTAssertEqual(failed.status, .error)
        XCTAssertTrue(failed.message?.contains(corrupt) == true, failed.message ?? "no message")
        XCTAssertEqual(results.filter { $0.status == .ok }.count, 2)
        let failedList = try String(contentsOfFile: out + "/failed.txt", encoding: .utf8)
        XCTAssertTrue(failedList.hasPrefix(failed.id + "\terror\t"), failedList)
        XCTAssertTrue(failedList.contains(corrupt), failedList)
        XCTAssertTrue(outcome.stderr.contains(corrupt), outcome.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/summary.md"))

        // Fixed features are other content: the directory refuses them without --force, naming the directory.
        try FeatureFixtures.write(directories[1], seed: 2, spread: 2)
        let refused = try SweepHarness.run(["measure"] + directories + ["--out", out])
        XCTAssertEqual(refused.status, 2, refused.combined)
        XCTAssertTrue(refused.stderr.contains("features changed since they were measured: \(directories[1])"), refused.stderr)
        let forced = try SweepHarness.run(["measure"] + directories + ["--out", out, "--force"])
        XCTAssertEqual(forced.status, 0, forced.combined)
        XCTAssertTrue(forced.stdout.contains("2 measured, 1 to measure"), forced.stdout)
    }

    func testSameFeaturesElsewhereHaveTheSameIDAndAreMeasuredOnce() throws {
        let directories = try featureDirectories(1)
        let copy = try SweepHarness.temporaryDirectory("copy").path + "/model"
        try FileManager.default.copyItem(atPath: directories[0], toPath: copy)
        let out = try SweepHarness.temporaryDirectory("copies").path
        let outcome = try SweepHarness.run(["measure", directories[0], copy, "--out", out])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        XCTAssertTrue(outcome.stderr.contains("\(copy) holds the same features as \(directories[0]); measured once"), outcome.stderr)
        XCTAssertEqual(try SweepHarness.results(in: out).count, 1)

        // Another --pca is another measurement: another id.
        let reduced = try SweepHarness.temporaryDirectory("pca").path
        XCTAssertEqual(try SweepHarness.run(["measure", copy, "--pca", "4", "--out", reduced]).status, 0)
        XCTAssertNotEqual(try SweepHarness.results(in: reduced).first?.id, try SweepHarness.results(in: out).first?.id)

        // The former `--out FILE.jsonl` is refused, not taken for a directory name.
        let jsonl = try SweepHarness.temporaryDirectory("jsonl").path + "/measured.jsonl"
        let refused = try SweepHarness.run(["measure", copy, "--out", jsonl])
        XCTAssertEqual(refused.status, 64, refused.combined)
        XCTAssertTrue(refused.stderr.contains("not a JSON-lines file"), refused.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: jsonl))
    }

    func testRanksGiveTheSameDAsOneProcess() throws {
        _ = try SweepHarness.mpirun()
        let directories = try featureDirectories(4)
        let single = try SweepHarness.temporaryDirectory("one-rank").path
        XCTAssertEqual(try SweepHarness.run(["measure"] + directories + ["--out", single]).status, 0)
        let shared = try SweepHarness.temporaryDirectory("three-ranks").path
        let outcome = try SweepHarness.run(["measure"] + directories + ["--out", shared], ranks: 3)
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        XCTAssertTrue(outcome.stdout.contains("3 ranks"), outcome.stdout)
        let one = SweepHarness.fuzziness(try SweepHarness.results(in: single))
        XCTAssertEqual(one.count, 4)
        XCTAssertEqual(SweepHarness.fuzziness(try SweepHarness.results(in: shared)), one)
        // Exactly one line per directory: no rank measured one twice.
        XCTAssertEqual(SweepHarness.lineCount(shared + "/results.jsonl"), 4)

        // Without --out, mpirun is refused before anything is measured.
        let refused = try SweepHarness.run(["measure", directories[0]], ranks: 2)
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.combined.contains("under mpirun, give --out RESULTDIR"), refused.combined)
    }
}
