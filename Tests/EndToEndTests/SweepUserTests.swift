import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// What a user of other sweep tools expects, with the real binary: provenance in every result, command-line
/// overrides recorded and compared on resume, tidy tables that read back to results.jsonl.
final class SweepUserTests: XCTestCase {
    func testResultsRecordProvenanceAndSummarizeWarnsAboutMixedCommits() throws {
        let version = try SweepHarness.run(["--version"])
        XCTAssertEqual(version.status, 0, version.combined)
        XCTAssertTrue(version.stdout.hasPrefix("seplaw "), version.stdout)

        let spec = try SweepHarness.writeSpec(TinySpecs.grid(depths: [1, 2], seeds: [0]))
        let out = try SweepHarness.temporaryDirectory("provenance").path
        let before = Provenance.timestamp(Date().addingTimeInterval(-1))
        XCTAssertEqual(try SweepHarness.run(["sweep", spec, "--out", out]).status, 0)
        let after = Provenance.timestamp(Date().addingTimeInterval(1))
        let results = try SweepHarness.results(in: out)
        XCTAssertEqual(results.count, 2)
        for result in results {
            let provenance = try XCTUnwrap(result.provenance, "every result records its provenance")
            XCTAssertTrue(version.stdout.contains(provenance.version), version.stdout)
            if let commit = provenance.commit { XCTAssertTrue(version.stdout.contains(String(commit.prefix(12))), version.stdout) }
            XCTAssertEqual(provenance.host, Provenance.hostName)
            XCTAssertEqual(provenance.resultsFormat, Provenance.resultsFormatVersion)
            let started = try XCTUnwrap(provenance.started), finished = try XCTUnwrap(provenance.finished)
            XCTAssertTrue(before <= started && started <= finished && finished <= after, "\(before) \(started) \(finished) \(after)")
        }
        let sweepYAML = try String(contentsOfFile: out + "/sweep.yaml", encoding: .utf8)
        XCTAssertTrue(sweepYAML.contains("written_by: {"), sweepYAML)

        let clean = try SweepHarness.run(["summarize", out])
        XCTAssertFalse(clean.stderr.contains("different builds"), clean.stderr)
        // Another build's result: the same job line with another commit.
        let lines = try String(contentsOfFile: out + "/results.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        var other = try JSONCoding.decoder().decode(JobResult.self, from: Data(lines[1].utf8))
        other.provenance?.commit = String(repeating: "f", count: 40)
        other.provenance?.dirty = false
        try ([lines[0], try JSONCoding.line(other)].joined(separator: "\n") + "\n")
            .write(toFile: out + "/results.jsonl", atomically: true, encoding: .utf8)
        let mixed = try SweepHarness.run(["summarize", out])
        XCTAssertEqual(mixed.status, 0, mixed.combined)
        XCTAssertTrue(mixed.stderr.contains("warning: the results come from 2 different builds"), mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("(commit ffffffffffff): 1 result"), mixed.stderr)
    }

    /// What Plugins/BuildInfoPlugin runs when a commit or a source changes: two commits give two different records, a
    /// changed tracked file marks the tree dirty, and no repository (or no git) still gives a file.
    func testTheBuildInfoScriptRecordsTheCommitOfTheTree() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/build-info.sh").path
        let repository = try SweepHarness.temporaryDirectory("buildinfo").path
        func shell(_ command: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            process.currentDirectoryURL = URL(fileURLWithPath: repository)
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, command)
            return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let output = repository + "/out/GeneratedBuildInfo.swift"
        func record() throws -> String {
            _ = try shell("/bin/sh '\(script)' '\(repository)' '\(output)'")
            return try String(contentsOfFile: output, encoding: .utf8)
        }
        let outside = try record()
        XCTAssertTrue(outside.contains("static let commit: String? = nil"), outside)
        guard (try? shell("command -v git")).map({ !$0.isEmpty }) == true else {
            throw XCTSkip("git is not installed: only the no-repository case was checked")
        }
        let git = "git -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false"
        _ = try shell("git init -q . && echo one > file && echo out/ > .gitignore && git add file .gitignore && \(git) commit -qm one")
        let first = try shell("git rev-parse HEAD")
        let firstRecord = try record()
        XCTAssertTrue(firstRecord.contains("static let commit: String? = \"\(first)\""), firstRecord)
        XCTAssertTrue(firstRecord.contains("static let dirty: Bool? = false"), firstRecord)
        _ = try shell("echo two > file && \(git) commit -qam two")
        let second = try shell("git rev-parse HEAD")
        XCTAssertNotEqual(first, second)
        let secondRecord = try record()
        XCTAssertTrue(secondRecord.contains("\"\(second)\""), secondRecord)
        XCTAssertNotEqual(firstRecord, secondRecord, "builds from different commits record different provenance")
        _ = try shell("echo three > file")
        XCTAssertTrue(try record().contains("static let dirty: Bool? = true"))
    }

    func testOverridesAreRecordedAndAResumeWithOtherOverridesIsRefused() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(depths: [1, 2, 3], seeds: [0]))
        let out = try SweepHarness.temporaryDirectory("overrides").path
        let plan = try SweepHarness.run(["plan", spec, "grid.model.depth=[1,2]", "train.epochs=2"])
        XCTAssertEqual(plan.status, 0, plan.combined)
        XCTAssertTrue(plan.stdout.contains("2 jobs from \(spec) with 'grid.model.depth=[1,2]' train.epochs=2"), plan.stdout)
        let first = try SweepHarness.run(["sweep", spec, "grid.model.depth=[1,2]", "train.epochs=2", "--out", out])
        XCTAssertEqual(first.status, 0, first.combined)
        XCTAssertTrue(try SweepHarness.results(in: out).allSatisfy { $0.epochsCompleted == 2 })
        let sweepYAML = try String(contentsOfFile: out + "/sweep.yaml", encoding: .utf8)
        XCTAssertTrue(sweepYAML.contains("overrides: [\"grid.model.depth=[1,2]\",\"train.epochs=2\"]"), sweepYAML)

        let other = try SweepHarness.run(["sweep", spec, "grid.model.depth=[1,2]", "train.epochs=3", "--out", out])
        XCTAssertEqual(other.status, 2, other.combined)
        XCTAssertTrue(other.stderr.contains("train.epochs: 2 in the directory, 3 in the spec"), other.stderr)
        XCTAssertTrue(other.stderr.contains("command-line overrides: grid.model.depth=[1,2] train.epochs=2 in the directory, "
                                            + "grid.model.depth=[1,2] train.epochs=3 in the spec"), other.stderr)

        let bad = try SweepHarness.run(["sweep", spec, "train.lr=fast", "--out", out])
        XCTAssertEqual(bad.status, 2, bad.combined)
        XCTAssertTrue(bad.stderr.contains("train.lr: expected a number > 0, found \"fast\" (from the command-line override train.lr=fast)"),
                      bad.stderr)
        let badPlan = try SweepHarness.run(["plan", spec, "train.lrr=0.1"])
        XCTAssertEqual(badPlan.status, 64, badPlan.combined)
        XCTAssertTrue(badPlan.stderr.contains("did you mean train.lr?"), badPlan.stderr)
        XCTAssertTrue(badPlan.stderr.contains("Usage: seplaw plan <spec>"), "the subcommand's usage: \(badPlan.stderr)")
    }

    func testTidyTablesReadBackToResultsJSONL() throws {
        let spec = try SweepHarness.writeSpec(ReportCommandTests.spec)
        let out = try SweepHarness.temporaryDirectory("tidy").path
        let sweep = try SweepHarness.run(["sweep", spec, "--out", out, "train.epochs=2", "measure.every=1"])
        XCTAssertEqual(sweep.status, 0, sweep.combined)
        let results = try SweepHarness.results(in: out)
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0) })

        let (layerHeader, layers) = CSVRecords.read(try String(contentsOfFile: out + "/layers.csv", encoding: .utf8))
        XCTAssertEqual(layerHeader, ["id", "status", "model.depth", "train.lr", "seed", "layer", "name", "dim", "D", "log_D",
                                     "fitted_log_D", "nc1", "ncc_accuracy", "test_D"])
        XCTAssertEqual(layers.count, results.reduce(0) { $0 + $1.layers.count })
        for row in layers {
            let result = try XCTUnwrap(byID[row["id"] ?? ""])
            let index = try XCTUnwrap(Int(row["layer"] ?? ""))
            let layer = try XCTUnwrap(result.layers.first { $0.index == index })
            XCTAssertEqual(row["name"], layer.name)
            XCTAssertEqual(row["dim"], String(layer.dim))
            XCTAssertEqual(Double(row["D"] ?? ""), layer.D)
            XCTAssertEqual(Double(row["nc1"] ?? ""), layer.nc1)
            XCTAssertEqual(Double(row["ncc_accuracy"] ?? ""), layer.nccAccuracy)
            XCTAssertEqual(Double(row["test_D"] ?? ""), layer.testD)
            XCTAssertEqual(row["train.lr"].flatMap(Double.init), result.spec.train.lr)
            XCTAssertEqual(row["model.depth"], String(result.spec.model.depth))
            XCTAssertEqual(row["seed"], String(result.spec.seed))
        }

        let summary = SweepSummary(name: "report-tiny", results: results)
        let (groupHeader, groups) = CSVRecords.read(try String(contentsOfFile: out + "/groups.csv", encoding: .utf8))
        XCTAssertEqual(Array(groupHeader.prefix(5)), ["model.depth", "train.lr", "jobs", "ok", "diverged"])
        XCTAssertEqual(groups.count, summary.groups.count)
        for (row, group) in zip(groups, summary.groups) {
            XCTAssertEqual(row["model.depth"], group.params["model.depth"]?.json)
            XCTAssertEqual(row["train.lr"].flatMap(Double.init), group.params["train.lr"].flatMap {
                if case .double(let value) = $0 { return value } else { return nil }
            })
            XCTAssertEqual(row["jobs"], String(group.jobs))
            XCTAssertEqual(Double(row["rho_mean"] ?? ""), group.rhoMean)
            XCTAssertEqual(Double(row["rho_sd"] ?? ""), group.rhoSD)
            XCTAssertEqual(Double(row["r_worst"] ?? ""), group.rWorst)
            XCTAssertEqual(Double(row["test_rho_mean"] ?? ""), group.testRhoMean)
        }
        let (summaryHeader, jobs) = CSVRecords.read(try String(contentsOfFile: out + "/summary.csv", encoding: .utf8))
        XCTAssertTrue(summaryHeader.starts(with: ["id", "status"]) && summaryHeader.contains("slope"), "\(summaryHeader)")
        for row in jobs {
            let fit = try XCTUnwrap(byID[row["id"] ?? ""]?.fit)
            XCTAssertEqual(Double(row["slope"] ?? ""), fit.slope)
            XCTAssertEqual(Double(row["intercept"] ?? ""), fit.intercept)
        }
    }

    func testReportDrawsMergedDirectoriesAndMarksAnIncompleteSweep() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(depths: [1, 2], seeds: [0]))
        let full = try SweepHarness.temporaryDirectory("merge-full").path
        XCTAssertEqual(try SweepHarness.run(["sweep", spec, "--out", full]).status, 0)
        let lines = try String(contentsOfFile: full + "/results.jsonl", encoding: .utf8).split(separator: "\n")
        let left = try SweepHarness.temporaryDirectory("merge-left").path, right = try SweepHarness.temporaryDirectory("merge-right").path
        for (directory, line) in [(left, lines[0]), (right, lines[1])] {
            try (line + "\n").write(toFile: directory + "/results.jsonl", atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: full + "/sweep.yaml", toPath: directory + "/sweep.yaml")
        }
        let merged = try SweepHarness.temporaryDirectory("merged").path
        let summarize = try SweepHarness.run(["summarize", left, right, "--out", merged])
        XCTAssertEqual(summarize.status, 0, summarize.combined)
        XCTAssertEqual(Set(try SweepHarness.results(in: merged).map(\.id)), Set(try SweepHarness.results(in: full).map(\.id)))
        let report = try SweepHarness.run(["report", merged])
        XCTAssertEqual(report.status, 0, report.combined)
        XCTAssertFalse(report.stderr.contains("Not finished") || report.stderr.contains("incomplete"), report.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: merged + "/report.html"))
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: merged + "/figures").isEmpty)

        // A sweep's own directory is never overwritten by a merge into it.
        let intoSweep = try SweepHarness.run(["summarize", left, right, "--out", full])
        XCTAssertEqual(intoSweep.status, 0, intoSweep.combined)
        XCTAssertEqual(try String(contentsOfFile: full + "/results.jsonl", encoding: .utf8).split(separator: "\n"), lines)

        // Half of the sweep's results: the report says it is not finished.
        let incomplete = try SweepHarness.run(["report", left])
        XCTAssertEqual(incomplete.status, 0, incomplete.combined)
        XCTAssertTrue(incomplete.stderr.contains("warning: incomplete: 1 of 2 jobs have results"), incomplete.stderr)
        XCTAssertTrue(try String(contentsOfFile: left + "/report.html", encoding: .utf8).contains("Not finished:"))
    }
}
