import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// Issue 18, second round, through the real binary: data identified by content (class 2), the memory a job
/// needs checked at plan time (class 3), a reducer that believes only the sweep (class 5), specs whose values
/// change nothing (class 6), and text outputs that keep their form whatever the user wrote (class 7).
final class HardeningTests: XCTestCase {
    /// A fashion-mnist-shaped directory of tiny plain IDX files: 10 classes × 3 images of 6×6 in each split;
    /// `variant` changes every pixel value.
    private func writeImageDirectory(_ directory: String, variant: UInt8 = 0) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for split in ["train", "t10k"] {
            let labels = (0..<30).map { UInt8($0 % 10) }
            let pixels = (0..<(30 * 36)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ Int(variant)) }
            try Data(idx(magic: 0x0803, dimensions: [30, 6, 6]) + pixels)
                .write(to: URL(fileURLWithPath: "\(directory)/\(split)-images-idx3-ubyte"))
            try Data(idx(magic: 0x0801, dimensions: [30]) + labels)
                .write(to: URL(fileURLWithPath: "\(directory)/\(split)-labels-idx1-ubyte"))
        }
    }

    private func idx(magic: UInt32, dimensions: [UInt32]) -> [UInt8] {
        ([magic] + dimensions).flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    }

    private func imageSpec(name: String = "data", paths: [String]) -> String {
        """
        name: \(name)
        dataset: {name: fashion-mnist, resize: 4, per_class: 2, test_per_class: 2}
        model: {depth: 1, width: 8}
        train: {optimizer: sgd, lr: 0.05, epochs: 1, batch_size: 10}
        grid: {dataset.path: [\(paths.map { "\"\($0)\"" }.joined(separator: ", "))]}

        """
    }

    // MARK: class 2

    func testTheDataAJobReadsIsPartOfItsIdentity() throws {
        let root = try SweepHarness.temporaryDirectory("data").path
        let cache = ["SEPLAW_CACHE_DIR": root + "/cache"]
        let a = root + "/a", b = root + "/b"
        try writeImageDirectory(a)
        try writeImageDirectory(b)

        // Two directories with the same data: one job, said so.
        let both = try SweepHarness.writeSpec(imageSpec(paths: [a, b]))
        let same = try SweepHarness.run(["plan", both], environment: cache)
        XCTAssertEqual(same.status, 0, same.combined)
        XCTAssertTrue(same.stdout.contains("1 job from"), same.stdout)
        XCTAssertTrue(same.stderr.contains("holds the same data as another path"), same.stderr)

        // Other data in b: two jobs, their ids carrying different dataset.digest values.
        try writeImageDirectory(b, variant: 1)
        let differ = try SweepHarness.run(["plan", both], environment: cache)
        XCTAssertEqual(differ.status, 0, differ.combined)
        XCTAssertTrue(differ.stdout.contains("2 jobs from"), differ.stdout)
        XCTAssertTrue(differ.stdout.contains("dataset.digest"), differ.stdout)

        // A directory of results computed on a's data is not handed back once a holds other data.
        let one = try SweepHarness.writeSpec(imageSpec(paths: [a]))
        let out = root + "/out"
        let first = try SweepHarness.run(["sweep", one, "--out", out, "--slots", "1"], environment: cache)
        XCTAssertEqual(first.status, 0, first.combined)
        let recorded = try XCTUnwrap(SweepHarness.results(in: out).first)
        XCTAssertEqual(recorded.dataDigest?.count, 16)
        XCTAssertEqual(recorded.dataDigest, recorded.spec.dataset.digest)
        XCTAssertEqual(recorded.params["dataset.digest"], .string(recorded.dataDigest ?? ""))

        let unchanged = try SweepHarness.run(["sweep", one, "--out", out, "--slots", "1"], environment: cache)
        XCTAssertEqual(unchanged.status, 0, unchanged.combined)
        XCTAssertTrue(unchanged.stdout.contains("0 to run"), unchanged.stdout)

        try writeImageDirectory(a, variant: 2)
        let changed = try SweepHarness.run(["sweep", one, "--out", out, "--slots", "1"], environment: cache)
        XCTAssertEqual(changed.status, 2, changed.combined)
        XCTAssertTrue(changed.stderr.contains("dataset.digest"), changed.stderr)
        let forced = try SweepHarness.run(["sweep", one, "--out", out, "--slots", "1", "--force"], environment: cache)
        XCTAssertEqual(forced.status, 0, forced.combined)
        XCTAssertTrue(forced.stdout.contains("1 to run"), forced.stdout)
        let rerun = try SweepHarness.results(in: out)
        XCTAssertEqual(rerun.count, 1)
        XCTAssertNotEqual(rerun.first?.dataDigest, recorded.dataDigest)
    }

    // MARK: class 3

    func testPlanStatesPeakMemoryAndRefusesJobsThatCannotFit() throws {
        let fits = try SweepHarness.run(["plan", try SweepHarness.writeSpec(TinySpecs.grid())])
        XCTAssertEqual(fits.status, 0, fits.combined)
        XCTAssertTrue(fits.stdout.contains("peak memory"), fits.stdout)

        let base = "dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}\n"
        for (settings, key) in [("train: {batch_size: 1000000000000}", "train.batch_size"),
                                ("model: {width: 100000, depth: 3}", "model.width"),
                                ("measure: {chunk: 100000000000}", "measure.chunk"),
                                ("dataset: {name: fashion-mnist, resize: 1024, per_class: all}", "dataset.resize")] {
            let yaml = "name: big\n" + (settings.hasPrefix("dataset") ? "" : base) + settings + "\n"
            let spec = try SweepHarness.writeSpec(yaml)
            let plan = try SweepHarness.run(["plan", spec])
            XCTAssertNotEqual(plan.status, 0, plan.combined)
            XCTAssertTrue(plan.stderr.contains("\(key): job"), plan.stderr)
            XCTAssertTrue(plan.stderr.contains("more than this machine's"), plan.stderr)
            let run = try SweepHarness.run(["run", spec])
            XCTAssertNotEqual(run.status, 0, run.combined)
            XCTAssertNotEqual(run.status, 134, run.combined)
            XCTAssertTrue(run.stderr.contains(key), run.stderr)
            let out = try SweepHarness.temporaryDirectory("big").path
            let sweep = try SweepHarness.run(["sweep", spec, "--out", out])
            XCTAssertEqual(sweep.status, 2, sweep.combined)
            XCTAssertTrue(sweep.stderr.contains(key), sweep.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/results.jsonl"))
        }
    }

    // MARK: class 5

    func testTheReducerCountsOnlyTheSweepsJobsAndFlagsWhatItCannotBelieve() throws {
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(depths: [1, 2], seeds: [0, 1]))
        let out = try SweepHarness.temporaryDirectory("reduce").path
        XCTAssertEqual(try SweepHarness.run(["sweep", spec, "--out", out]).status, 0)
        let path = out + "/results.jsonl"
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        XCTAssertEqual(lines.count, 4)
        func text(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        var conflict = lines[0]
        conflict["test_accuracy"] = 0.123
        var foreign = lines[0]
        foreign["id"] = "ffffffffffffffff"
        var fit = try XCTUnwrap(lines[1]["fit"] as? [String: Any])
        fit["rho"] = 1e308
        lines[1]["fit"] = fit
        lines[2]["status"] = "error"
        lines[2]["message"] = String(repeating: "long message ", count: 10_000)
        var huge = lines[3]
        huge["message"] = String(repeating: "x", count: 17 << 20)
        let edited = try (lines.map(text) + [text(conflict), text(foreign), text(huge)]).joined(separator: "\n") + "\n"
        try edited.write(toFile: path, atomically: true, encoding: .utf8)

        for command in [["summarize", out], ["report", out]] {
            let outcome = try SweepHarness.run(command)
            XCTAssertEqual(outcome.status, 0, outcome.combined)
            for expected in ["1 foreign result", "ffffffffffffffff", "2 lines with different results",
                             "values outside their domain (fit (rho 1e+308", "more than the 16 MiB", "cut to 4096"] {
                XCTAssertTrue(outcome.stderr.contains(expected), "\(command[0]): no '\(expected)' in:\n\(outcome.stderr)")
            }
            let markdown = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
            XCTAssertTrue(markdown.contains("4 jobs: 2 ok, 2 error"), markdown)
            XCTAssertFalse(markdown.contains("ffffffffffffffff"), markdown)
            XCTAssertLessThan(markdown.utf8.count, 20_000)
            XCTAssertEqual(SweepHarness.lineCount(out + "/summary.csv"), 5)
        }
        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertLessThan(report.utf8.count, 2_000_000)
    }

    // MARK: class 6

    func testSpecsWhoseValuesChangeNothingAreCaughtAtPlanTime() throws {
        let empty = try SweepHarness.run(["plan", try SweepHarness.writeSpec("# nothing here\n")])
        XCTAssertNotEqual(empty.status, 0, empty.combined)
        XCTAssertTrue(empty.stderr.contains("the spec is empty"), empty.stderr)

        let base = """
            name: quiet
            dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
            model: {depth: 2, width: 16}

            """
        let collapsing = try SweepHarness.run(["plan", try SweepHarness.writeSpec(base + """
            train: {optimizer: sgd, lr: 0.05, epochs: 5}
            grid: {train.momentum: [0.5, 0.9], train.lr: [0.1, 0.2, 0.1]}

            """)])
        XCTAssertEqual(collapsing.status, 0, collapsing.combined)
        XCTAssertTrue(collapsing.stdout.contains("2 jobs from"), collapsing.stdout)
        XCTAssertTrue(collapsing.stderr.contains("warning:"), collapsing.stderr)
        XCTAssertTrue(collapsing.stderr.contains("grid.train.momentum: the values 0.5 and 0.9 give the same job"), collapsing.stderr)
        XCTAssertTrue(collapsing.stderr.contains("grid.train.lr: the values 0.1 and 0.1"), collapsing.stderr)

        let hidden = try SweepHarness.run(["plan", try SweepHarness.writeSpec(base + """
            train: {optimizer: sgd, lr: -1, epochs: 5}
            grid: {train.lr: [0.1, 0.2]}

            """)])
        XCTAssertNotEqual(hidden.status, 0, hidden.combined)
        XCTAssertTrue(hidden.stderr.contains("train.lr: expected a number > 0, found -1"), hidden.stderr)

        let counts = try SweepHarness.run(["plan", try SweepHarness.writeSpec("""
            name: counts
            dataset: {name: fashion-mnist, class_counts: [100, 100, 100]}

            """)])
        XCTAssertNotEqual(counts.status, 0, counts.combined)
        XCTAssertTrue(counts.stderr.contains("dataset.class_counts: lists 3 counts, but fashion-mnist has 10 classes"),
                      counts.stderr)
    }

    // MARK: class 7

    func testTextOutputsKeepTheirFormWhateverTheUserWrote() throws {
        let root = try SweepHarness.temporaryDirectory("text").path
        // A data directory whose name holds a tab and a newline, with real label files (so the plan's data check
        // passes) and image files that are not IDX: the job fails, its message quoting that path.
        let source = "/usr/share/datasets/fashion-mnist"
        guard FileManager.default.fileExists(atPath: source + "/train-labels-idx1-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        let missing = root + "/no\tsuch\ndata"
        try FileManager.default.createDirectory(atPath: missing, withIntermediateDirectories: true)
        for split in ["train", "t10k"] {
            try FileManager.default.copyItem(atPath: "\(source)/\(split)-labels-idx1-ubyte.gz",
                                             toPath: "\(missing)/\(split)-labels-idx1-ubyte.gz")
            XCTAssertTrue(FileManager.default.createFile(atPath: "\(missing)/\(split)-images-idx3-ubyte", contents: Data("junk".utf8)))
        }
        let spec = try SweepHarness.writeSpec("""
            name: "<script>alert(1)</script> *bold* | [link](x) & more"
            dataset: {name: fashion-mnist, path: "\(missing.replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n"))", resize: 4, per_class: 2}
            model: {depth: 1, width: 8}
            train: {epochs: 1, batch_size: 10}

            """)
        let out = root + "/out"
        let sweep = try SweepHarness.run(["sweep", spec, "--out", out])
        XCTAssertEqual(sweep.status, 1, sweep.combined)

        let failed = try String(contentsOfFile: out + "/failed.txt", encoding: .utf8)
        let rows = failed.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(rows.count, 1, failed)
        XCTAssertEqual(rows.first?.split(separator: "\t", omittingEmptySubsequences: false).count, 3, failed)
        XCTAssertTrue(failed.contains("no such data"), failed)

        let markdown = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        XCTAssertFalse(markdown.contains("<script>"), markdown)
        XCTAssertTrue(markdown.contains("# Sweep summary: &lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*bold\\* \\| \\[link\\]\\(x\\) &amp; more"),
                      markdown)
        let failedRows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("error") }
        XCTAssertEqual(failedRows.count, 1, markdown)
        XCTAssertFalse(markdown.contains("\t"), markdown)
    }
}
