import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// Every result says which build produced it, where and when; old results still decode; summaries warn
/// when they mix builds.
final class ProvenanceTests: XCTestCase {
    func testCurrentProvenanceRecordsThisBuildHostAndUTCTimes() throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let provenance = Provenance.current(started: start, finished: start.addingTimeInterval(61))
        XCTAssertFalse(provenance.version.isEmpty)
        XCTAssertEqual(provenance.started, "2026-09-21T14:13:20Z")
        XCTAssertEqual(provenance.finished, "2026-09-21T14:14:21Z")
        XCTAssertEqual(provenance.resultsFormat, Provenance.resultsFormatVersion)
        XCTAssertEqual(provenance.host, Provenance.hostName)
        if let commit = provenance.commit {
            XCTAssertEqual(commit.count, 40, commit)
            XCTAssertTrue(commit.allSatisfy(\.isHexDigit), commit)
        }
    }

    func testProvenanceRoundTripsAndOldResultsDecodeWithout() throws {
        let job = try StoreFixtures.spec().jobs[0]
        var result = try StoreFixtures.okResult(job)
        let old = try JSONCoding.line(result)
        XCTAssertFalse(old.contains("provenance"))
        XCTAssertNil(try JSONCoding.decoder().decode(JobResult.self, from: Data(old.utf8)).provenance)

        result.provenance = Provenance(version: "1.2.3", commit: String(repeating: "a", count: 40), dirty: true, host: "node7",
                                       started: "2026-01-02T03:04:05Z", finished: "2026-01-02T03:04:09Z")
        let line = try JSONCoding.line(result)
        XCTAssertTrue(line.contains("\"results_format\":\(Provenance.resultsFormatVersion)"), line)
        XCTAssertEqual(try JSONCoding.decoder().decode(JobResult.self, from: Data(line.utf8)), result)
    }

    func testMixedCommitsAreWarnedAbout() throws {
        let jobs = try StoreFixtures.spec().jobs
        func result(_ index: Int, commit: String?, dirty: Bool? = false) throws -> JobResult {
            var result = try StoreFixtures.okResult(jobs[index])
            result.provenance = Provenance(version: "0.9.0", commit: commit, dirty: dirty, host: "h", started: nil, finished: nil)
            return result
        }
        let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40)
        XCTAssertNil(Provenance.mixedBuildsWarning([try result(0, commit: a), try result(1, commit: a)]))
        let warning = try XCTUnwrap(Provenance.mixedBuildsWarning([try result(0, commit: a), try result(1, commit: b),
                                                                    try result(2, commit: b)]))
        XCTAssertTrue(warning.contains("2 different builds"), warning)
        XCTAssertTrue(warning.contains("0.9.0 (commit aaaaaaaaaaaa): 1 result;"), warning)
        XCTAssertTrue(warning.contains("0.9.0 (commit bbbbbbbbbbbb): 2 results"), warning)
        XCTAssertNotNil(Provenance.mixedBuildsWarning([try result(0, commit: a), try result(1, commit: a, dirty: true)]))
        XCTAssertNotNil(Provenance.mixedBuildsWarning([try result(0, commit: a), try StoreFixtures.okResult(jobs[1])]),
                        "results without provenance count as another build")
    }

    func testSweepYAMLRecordsWhoWroteIt() throws {
        let spec = try StoreFixtures.spec()
        let directory = try StoreFixtures.temporaryDirectory("provenance")
        let path = ResultStore.sweepPath(in: directory)
        do {
            _ = try ResultStore(directory: directory, spec: spec)
        }
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let written = try ResolvedSweep.parse(before, file: "sweep.yaml")
        XCTAssertEqual(written.provenance?.version, Provenance.current(started: nil, finished: nil).version)
        XCTAssertNotNil(written.provenance?.started)
        XCTAssertEqual(written.jobs, ResolvedSweep(spec: spec).jobs)
        // Opening again for the same spec keeps the file (and its writer) as it is.
        let again = try ResultStore(directory: directory, spec: spec)
        XCTAssertEqual(try String(contentsOfFile: again.sweepPath, encoding: .utf8), before)
        XCTAssertEqual(again.sweep.provenance, written.provenance)
    }
}
