import Foundation
import Linalg
import Sweep
import XCTest

/// A measurement job (`JobSpec.features`): its id is its content's and options', and training jobs are untouched.
final class FeatureJobTests: XCTestCase {
    private func job(_ directory: String, digest: String?, pca: Int? = nil) -> JobSpec {
        var job = JobSpec()
        job.features = FeatureJob(directory: directory, digest: digest, pca: pca)
        return job
    }

    func testIdIsTheContentAndOptionsNotTheLocation() {
        let a = job("features/a", digest: "0123456789abcdef"), b = job("/elsewhere/b", digest: "0123456789abcdef")
        XCTAssertEqual(a.id, b.id)
        XCTAssertNotEqual(a.id, job("features/a", digest: "0123456789abcdee").id)
        XCTAssertNotEqual(a.id, job("features/a", digest: "0123456789abcdef", pca: 100).id)
        // The hash is FNV-1a 64 of a fixed text (stable across versions: resuming depends on it).
        XCTAssertEqual(a.features?.identityJSON, #"{"digest":"0123456789abcdef","kind":"features"}"#)
        XCTAssertEqual(job("x", digest: "0123456789abcdef", pca: 100).features?.identityJSON,
                       #"{"digest":"0123456789abcdef","kind":"features","pca":100}"#)
        let hex = String(FNV1a64.hash(#"{"digest":"0123456789abcdef","kind":"features"}"#), radix: 16)
        XCTAssertEqual(a.id, String(repeating: "0", count: 16 - hex.count) + hex)
        // Unreadable content: the location identifies it.
        XCTAssertNotEqual(job("missing/a", digest: nil).id, job("missing/b", digest: nil).id)
    }

    func testParamsShowTheDirectoryAndPCAOnly() {
        XCTAssertEqual(job("features/a", digest: "d", pca: 4).params,
                       ["features.directory": .string("features/a"), "measure.pca": .int(4)])
        XCTAssertEqual(job("features/a", digest: "d").params, ["features.directory": .string("features/a")])
    }

    func testRoundTripsAndLeavesTrainingJobsAsTheyWere() throws {
        let measured = job("features/a", digest: "0123456789abcdef", pca: 3)
        let decoded = try JSONCoding.decoder().decode(JobSpec.self, from: try JSONCoding.encoder().encode(measured))
        XCTAssertEqual(decoded, measured)
        XCTAssertEqual(decoded.id, measured.id)
        // A training job writes no `features` key, and lines written before it existed read as training jobs.
        let training = JobSpec()
        let text = try JSONCoding.line(training)
        XCTAssertFalse(text.contains("features"), text)
        XCTAssertNil(try JSONCoding.decoder().decode(JobSpec.self, from: Data(text.utf8)).features)
    }
}
