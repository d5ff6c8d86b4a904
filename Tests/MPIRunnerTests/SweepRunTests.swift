import Foundation
import MPIRunner
import Sweep
import TestSupport
import XCTest

/// A sweep as a library type, driven in process: results stored, the summary written, a second run resumes
/// with nothing to do, failures listed and retried on request.
final class SweepRunTests: XCTestCase {
    func testRunWritesOutputsAndASecondRunResumes() throws {
        let directory = try StoreFixtures.temporaryDirectory("sweep-run")
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0, 1])
        let launcher = FakeLauncher(slots: 2)
        launcher.failing = [spec.jobs[3].id: .crashed]

        do {
            // The run holds the directory's lock until it is released.
            let first = try SweepRun(spec: spec, costs: [:], directory: directory)
            XCTAssertEqual(first.resume.toRun.count, 4)
            guard case .completed = first.run(world: nil, launcher: launcher, showProgress: false) else {
                return XCTFail("the first run did not complete")
            }
            let outputs = try first.writeOutputs()
            XCTAssertEqual(outputs.failed.map(\.id), [spec.jobs[3].id])
            XCTAssertTrue(FileManager.default.fileExists(atPath: outputs.summaryPath))
            XCTAssertTrue(FileManager.default.fileExists(atPath: outputs.reportPath))
            XCTAssertEqual(try StoreFixtures.read(directory + "/results.jsonl").split(separator: "\n").count, 4)
        }

        do {
            let again = try SweepRun(spec: spec, costs: [:], directory: directory)
            XCTAssertEqual(again.resume.toRun.count, 0)
            XCTAssertEqual(again.resume.done, 3)
            XCTAssertEqual(again.resume.failedKept, 1)
        }
        let retry = try SweepRun(spec: spec, costs: [:], directory: directory, retryFailed: true)
        XCTAssertEqual(retry.resume.toRun.map(\.id), [spec.jobs[3].id])
    }
}
