import Foundation
@testable import Sweep
import TestSupport
import XCTest

final class StoreTests: XCTestCase {
    func testAppendedResultsSurviveReopeningAndAreSkipped() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("store")
        do {
            let store = try ResultStore(directory: directory, spec: spec)
            XCTAssertEqual(try store.plan(for: spec, retryFailed: false).toRun.count, 4)
            try store.append(try StoreFixtures.okResult(spec.jobs[0]))
            try store.append(StoreFixtures.failedResult(spec.jobs[1]))
        }
        let store = try ResultStore(directory: directory, spec: spec)
        XCTAssertEqual(store.warnings, [])
        XCTAssertEqual(store.results.count, 2)
        XCTAssertEqual(try store.results[spec.jobs[0].id].map(JSONCoding.line), try JSONCoding.line(try StoreFixtures.okResult(spec.jobs[0])))
        let plan = try store.plan(for: spec, retryFailed: false)
        XCTAssertEqual(plan.toRun.map(\.id), [spec.jobs[2].id, spec.jobs[3].id])
        XCTAssertEqual(plan.done, 1)
        XCTAssertEqual(plan.failedKept, 1)
        XCTAssertEqual(plan.describe(total: 4),
                       "4 jobs: 1 done, 1 failed (kept; --retry-failed runs it again), 2 new, 2 to run")
        let yaml = try StoreFixtures.read(directory + "/sweep.yaml")
        let resolved = try ResolvedSweep.parse(yaml, file: "sweep.yaml")
        XCTAssertEqual(resolved.ids, spec.jobs.map(\.id))
        XCTAssertEqual(resolved.name, "unit")
        XCTAssertEqual(resolved.yaml, yaml)
        XCTAssertEqual(resolved.differences(to: ResolvedSweep(spec: spec)), [])
    }

    func testRetryFailedRemovesTheirLinesSoEachJobStaysOnce() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("retry")
        do {
            let store = try ResultStore(directory: directory, spec: spec)
            try store.append(try StoreFixtures.okResult(spec.jobs[0]))
            try store.append(StoreFixtures.failedResult(spec.jobs[1], .timeout))
            XCTAssertEqual(try store.writeFailedList(for: spec).map(\.id), [spec.jobs[1].id])
        }
        XCTAssertEqual(try StoreFixtures.read(directory + "/failed.txt"), "\(spec.jobs[1].id)\ttimeout\tdied on SIGILL\n")
        let store = try ResultStore(directory: directory, spec: spec)
        let plan = try store.plan(for: spec, retryFailed: true)
        XCTAssertEqual(plan.retrying, 1)
        XCTAssertEqual(Set(plan.toRun.map(\.id)), Set(spec.jobs[1...].map(\.id)))
        try store.append(try StoreFixtures.okResult(spec.jobs[1]))
        let file = try ResultsFile.read(path: directory + "/results.jsonl")
        XCTAssertEqual(file.entries.map(\.id), [spec.jobs[0].id, spec.jobs[1].id])
        XCTAssertEqual(try store.writeFailedList(for: spec), [])
    }

    func testTornLastLineIsCutWithAWarningAndCorruptLinesAreSkipped() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("torn")
        let path = directory + "/results.jsonl"
        let good = try JSONCoding.line(try StoreFixtures.okResult(spec.jobs[0]))
        let next = try JSONCoding.line(try StoreFixtures.okResult(spec.jobs[1]))
        try (good + "\n{\"id\": 12, broken\n" + next.prefix(40)).write(toFile: path, atomically: true, encoding: .utf8)

        let store = try ResultStore(directory: directory, spec: spec)
        XCTAssertEqual(store.results.keys.sorted(), [spec.jobs[0].id])
        XCTAssertEqual(store.warnings.count, 2, "\(store.warnings)")
        XCTAssertTrue(store.warnings[0].contains("line 2: not a valid result"), store.warnings[0])
        XCTAssertTrue(store.warnings[1].contains("line 3: ignoring a torn last line (40 bytes)"), store.warnings[1])
        try store.append(try StoreFixtures.okResult(spec.jobs[1]))
        let text = try StoreFixtures.read(path)
        XCTAssertTrue(text.hasSuffix(next + "\n"), "the new line must not be glued to the torn one")
        XCTAssertEqual(try ResultsFile.read(path: path).entries.map(\.id), [spec.jobs[0].id, spec.jobs[1].id])
    }

    func testValidLastLineWithoutNewlineIsKept() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("newline")
        let path = directory + "/results.jsonl"
        try JSONCoding.line(try StoreFixtures.okResult(spec.jobs[0])).write(toFile: path, atomically: true, encoding: .utf8)
        let store = try ResultStore(directory: directory, spec: spec)
        XCTAssertEqual(store.warnings, [])
        try store.append(try StoreFixtures.okResult(spec.jobs[1]))
        XCTAssertEqual(try ResultsFile.read(path: path).entries.count, 2)
    }

    func testDifferentSpecIsRefusedWithWhatDiffersAndForceSetsOldResultsAside() throws {
        let old = try StoreFixtures.spec(lr: "0.05")
        let new = try StoreFixtures.spec(lr: "0.1", depths: [1, 2, 3])
        let directory = try StoreFixtures.temporaryDirectory("refuse")
        do {
            let store = try ResultStore(directory: directory, spec: old)
            try store.append(try StoreFixtures.okResult(old.jobs[0]))
        }
        XCTAssertThrowsError(try ResultStore(directory: directory, spec: new)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("holds results of sweep 'unit' from unit.yaml, which differs from unit.yaml"), text)
            XCTAssertTrue(text.contains("model.depth: [1, 2] in the directory, [1, 2, 3] in the spec"), text)
            XCTAssertTrue(text.contains("train.lr: 0.05 in the directory, 0.1 in the spec"), text)
            XCTAssertTrue(text.contains("jobs: 4 in the directory, 6 in the spec, 0 in both"), text)
            XCTAssertTrue(text.contains("--force"), text)
        }
        let forced = try ResultStore(directory: directory, spec: new, force: true)
        XCTAssertEqual(forced.results.count, 0)
        XCTAssertEqual(try ResultsFile.read(path: directory + "/superseded.jsonl").entries.map(\.id), [old.jobs[0].id])
        XCTAssertEqual(try ResolvedSweep.parse(try StoreFixtures.read(directory + "/sweep.yaml"), file: "sweep.yaml").ids,
                       new.jobs.map(\.id))
    }

    func testSameJobsUnderAnotherNameOrOrderAreAccepted() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2])
        let reordered = try StoreFixtures.spec(name: "renamed", depths: [2, 1], seeds: [1, 0])
        let directory = try StoreFixtures.temporaryDirectory("same")
        _ = try ResultStore(directory: directory, spec: spec)
        XCTAssertNoThrow(try ResultStore(directory: directory, spec: reordered))
    }

    func testResultsOfUnknownJobsWithoutSweepFileAreRefused() throws {
        let spec = try StoreFixtures.spec()
        let other = try StoreFixtures.spec(lr: "0.2")
        let directory = try StoreFixtures.temporaryDirectory("stranger")
        try (JSONCoding.line(try StoreFixtures.okResult(other.jobs[0])) + "\n")
            .write(toFile: directory + "/results.jsonl", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ResultStore(directory: directory, spec: spec)) { error in
            XCTAssertTrue("\(error)".contains("results of 1 job that unit.yaml does not define"), "\(error)")
        }
    }

    func testSecondStoreOnTheSameDirectoryIsRefusedWhileTheFirstIsOpen() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("lock")
        let first = try ResultStore(directory: directory, spec: spec)
        XCTAssertThrowsError(try ResultStore(directory: directory, spec: spec)) { error in
            XCTAssertTrue("\(error)".contains("another seplaw sweep is writing to this directory"), "\(error)")
        }
        withExtendedLifetime(first) {}
    }

    func testDamagedSweepFileIsReportedWithItsLine() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("damaged")
        _ = try ResultStore(directory: directory, spec: spec)
        let path = directory + "/sweep.yaml"
        try (try StoreFixtures.read(path) + "  - {not json\n").write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ResultStore(directory: directory, spec: spec)) { error in
            XCTAssertTrue("\(error)".contains("sweep.yaml: line"), "\(error)")
            XCTAssertTrue("\(error)".contains("not a job entry"), "\(error)")
        }
    }

    func testLogsAreWrittenUnderLogs() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("logs")
        let store = try ResultStore(directory: directory, spec: spec)
        try store.writeLog("epoch 1\n", for: spec.jobs[0].id)
        XCTAssertEqual(try StoreFixtures.read("\(directory)/logs/\(spec.jobs[0].id).log"), "epoch 1\n")
    }
}
