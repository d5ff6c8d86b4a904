import Foundation
import Separation
@testable import Sweep
import TestSupport
import XCTest

/// Issue 18 in the Sweep module: data digests in ids, specs whose values change nothing, the reducer's domain
/// checks and the escaping of user text.
final class HardeningSpecTests: XCTestCase {
    private let tiny = """
        name: tiny
        dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
        model: {depth: 2, width: 16}
        train: {optimizer: sgd, lr: 0.05, epochs: 5}

        """

    // MARK: identity

    func testTheDigestJoinsTheIdOnlyWhenSet() {
        var job = JobSpec()
        let plain = job.id
        job.dataset.path = "/somewhere"
        XCTAssertEqual(job.id, plain, "a location alone is not identity")
        job.dataset.digest = "00000000000000aa"
        XCTAssertNotEqual(job.id, plain)
        XCTAssertEqual(job.params["dataset.digest"], .string("00000000000000aa"))
        var other = job
        other.dataset.digest = "00000000000000bb"
        XCTAssertNotEqual(other.id, job.id)
        other.dataset.path = "/elsewhere"
        other.dataset.digest = job.dataset.digest
        XCTAssertEqual(other.id, job.id, "the same data elsewhere is the same job")
        XCTAssertNil(JobSpec().params["dataset.digest"])
    }

    func testAGridOverDatasetPathIsOneJobPerDistinctData() throws {
        let spec = try XCTUnwrap(parseOrFail("""
            name: paths
            dataset: {name: mnist, resize: 8, per_class: 5}
            grid: {dataset.path: [/data/a, /data/b, /data/c]}

            """))
        XCTAssertEqual(spec.jobs.count, 3, "paths are told apart until their data is identified")
        let identified = spec.identifyingData { $0.path == "/data/c" ? "00000000000000cc" : "00000000000000ab" }
        XCTAssertEqual(identified.jobs.map(\.dataset.path), ["/data/a", "/data/c"])
        XCTAssertEqual(Set(identified.jobs.map(\.id)).count, 2)
        XCTAssertEqual(identified.warnings.count, 1)
        XCTAssertTrue(identified.warnings[0].contains("/data/b holds the same data"), identified.warnings[0])
        // The engine's errors still find where each job's model comes from.
        XCTAssertEqual(identified.modelError(identified.jobs[1], message: "m").file, "Configs/test.yaml")
    }

    func testAStoreRunsAgainAResultComputedOnOtherData() throws {
        let base = try StoreFixtures.spec(depths: [1], seeds: [0])
        let spec = base.identifyingData { _ in "00000000000000aa" }
        let job = try XCTUnwrap(spec.jobs.first)
        let directory = try StoreFixtures.temporaryDirectory("digest")
        let store = try ResultStore(directory: directory, spec: spec)
        var result = try StoreFixtures.okResult(job)
        result.dataDigest = "00000000000000aa"
        try store.append(result)
        XCTAssertEqual(try store.plan(for: spec, retryFailed: false).toRun.count, 0)
        result.dataDigest = "00000000000000bb"
        try store.append(result)
        let plan = try store.plan(for: spec, retryFailed: false)
        XCTAssertEqual(plan.toRun.map(\.id), [job.id])
        XCTAssertEqual(store.results.count, 0, "the stale line is removed before the job runs again")
        XCTAssertTrue(store.warnings.contains { $0.contains("computed on other data") }, "\(store.warnings)")
    }

    // MARK: silent no-ops

    func testAnEmptySpecIsRefused() {
        assertSpecError("", keyContains: nil, messageContains: ["the spec is empty"])
        assertSpecError("# a comment only\n", keyContains: nil, messageContains: ["the spec is empty"])
    }

    func testGridValuesThatCollapseAreNamed() throws {
        let spec = try XCTUnwrap(parseOrFail(tiny + """
            grid: {train.momentum: [0.5, 0.9], model.depth: [1, 2, 2]}
            seeds: [0, 0]

            """))
        XCTAssertEqual(spec.jobs.count, 2)
        XCTAssertEqual(spec.warnings.count, 3, "\(spec.warnings)")
        XCTAssertTrue(spec.warnings.contains { $0.hasPrefix("grid.train.momentum: the values 0.5 and 0.9 give the same job") },
                      "\(spec.warnings)")
        XCTAssertTrue(spec.warnings.contains { $0.hasPrefix("grid.model.depth: the values 2 and 2") }, "\(spec.warnings)")
        XCTAssertTrue(spec.warnings.contains { $0.hasPrefix("seeds:") }, "\(spec.warnings)")

        let cases = try XCTUnwrap(parseOrFail(tiny + """
            cases:
              - {train.momentum: 0.5}
              - {train.momentum: 0.9}

            """))
        XCTAssertEqual(cases.jobs.count, 1)
        XCTAssertEqual(cases.warnings.count, 1)
        XCTAssertTrue(cases.warnings[0].hasPrefix("cases[1]: gives the same job as cases[0]"), cases.warnings[0])

        XCTAssertEqual(try XCTUnwrap(parseOrFail(tiny + "grid: {model.depth: [1, 2]}\n")).warnings, [])
    }

    func testBaseValuesReplacedByGridOrCasesAreCheckedToo() {
        let hidden = tiny.replacingOccurrences(of: "lr: 0.05", with: "lr: -1")
        assertSpecError(hidden + "grid: {train.lr: [0.1]}\n", keyContains: "train.lr",
                        messageContains: [":4:", "found -1", "must be valid too"])
        assertSpecError(hidden + "cases: [{train.lr: 0.1}]\n", keyContains: "train.lr", messageContains: ["must be valid too"])
        // A base value that is valid alone but not with another job's values is not an error.
        XCTAssertNotNil(parseOrFail("""
            name: arch
            dataset: {name: gaussian, dimension: 20, per_class: 30}
            model: {arch: gfnn, widths: [8, 8]}
            grid: {model.arch: [mlp]}

            """))
    }

    func testClassCountsNeedOneCountPerClass() {
        assertSpecError("name: c\ndataset: {name: fashion-mnist, class_counts: [10, 10, 10]}\n", keyContains: "dataset.class_counts",
                        messageContains: ["lists 3 counts", "fashion-mnist has 10 classes"])
        assertSpecError("name: c\ndataset: {name: cifar10, path: /x, class_counts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}\n",
                        keyContains: "dataset.class_counts", messageContains: ["lists 11 counts"])
        XCTAssertNotNil(parseOrFail("name: c\ndataset: {name: fashion-mnist, class_counts: [5, 5, 5, 5, 5, 5, 5, 5, 5, 50]}\n"))
        XCTAssertNotNil(parseOrFail("name: c\ndataset: {name: gaussian, class_counts: [5, 50, 7]}\n"))
    }

    // MARK: the reducer

    func testResultDomainFlagsWhatCannotBeReal() throws {
        let spec = try StoreFixtures.spec(depths: [2], seeds: [0])
        let good = try StoreFixtures.okResult(spec.jobs[0])
        XCTAssertEqual(ResultDomain.problems(good), [])
        XCTAssertEqual(ResultDomain.problems(StoreFixtures.failedResult(spec.jobs[0])), [])

        var accuracy = good
        accuracy.testAccuracy = 1.5
        XCTAssertEqual(ResultDomain.problems(accuracy), ["test_accuracy = 1.5 is not in [0, 1]"])

        let ds = good.layers.map(\.D)
        let real = try LawFit(fuzziness: ds)
        var rho = good
        rho.fit = try Self.fit(real, rho: 1e308)
        XCTAssertTrue(ResultDomain.problems(rho).first?.contains("does not follow from the recorded D values") ?? false,
                      "\(ResultDomain.problems(rho))")
        var negative = good
        negative.fit = try Self.fit(real, rho: -2, r: -5)
        XCTAssertEqual(ResultDomain.problems(negative), ["fit.rho = -2.0 is not finite and > 0", "fit.pearson_r = -5.0 is not in [-1, 1]"])

        let flagged = ResultDomain.flagged(negative, problems: ResultDomain.problems(negative))
        XCTAssertEqual(flagged.status, .error)
        XCTAssertEqual(flagged.id, good.id)
        XCTAssertNil(flagged.fit)
        XCTAssertTrue(flagged.message?.contains("outside their domain") ?? false)
    }

    /// `fit` with `rho` (and `r`) replaced, through its JSON form.
    private static func fit(_ fit: LawFit, rho: Double, r: Double? = nil) throws -> LawFit {
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: try JSONCoding.encoder().encode(fit)) as? [String: Any])
        object["rho"] = rho
        if let r { object["pearson_r"] = r }
        return try JSONCoding.decoder().decode(LawFit.self, from: try JSONSerialization.data(withJSONObject: object))
    }

    func testResultsFileBoundsLinesAndMessages() throws {
        let spec = try StoreFixtures.spec(depths: [1], seeds: [0])
        var result = StoreFixtures.failedResult(spec.jobs[0])
        result.message = String(repeating: "é", count: 5000)
        let long = try JSONCoding.line(result)
        let oversized = "{\"id\":\"" + String(repeating: "a", count: ResultsFile.maximumLineBytes) + "\"}"
        let file = ResultsFile(path: "r.jsonl", data: Data((long + "\n" + oversized + "\n").utf8))
        XCTAssertEqual(file.entries.count, 1)
        let message = try XCTUnwrap(file.entries.first?.result.message)
        XCTAssertLessThan(message.utf8.count, ResultsFile.maximumMessageBytes + 100)
        XCTAssertTrue(message.hasSuffix("more bytes cut)"), String(message.suffix(40)))
        XCTAssertEqual(file.warnings.count, 2, "\(file.warnings)")
        XCTAssertTrue(file.warnings[0].contains("cut to 4096"), file.warnings[0])
        XCTAssertTrue(file.warnings[1].contains("line 2") && file.warnings[1].contains("16 MiB"), file.warnings[1])
    }

    // MARK: text outputs

    func testUserTextIsLiteralMarkdownAndHTML() {
        XCTAssertEqual(SweepSummary.literal("<b>x</b> & *y* | [z](u)\n#!"),
                       "&lt;b&gt;x&lt;/b&gt; &amp; \\*y\\* \\| \\[z\\]\\(u\\) \\#\\!")
        XCTAssertEqual(SweepSummary.literal("fashion-mnist 0.5"), "fashion-mnist 0.5")
        XCTAssertEqual(ResultStore.column("a\tb\nc\r\u{2028}d"), "a b c  d")
    }
}
