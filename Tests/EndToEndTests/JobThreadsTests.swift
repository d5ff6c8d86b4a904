import Foundation
import Sweep
import TestSupport
import XCTest

/// `--threads N`: one job's training steps on N threads, the same result on every run with N, N recorded;
/// `sweep --threads auto` gives a lone job the spare cores.
final class JobThreadsTests: XCTestCase {
    private func spec() throws -> String {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        return try SweepHarness.writeSpec("""
            name: threads
            dataset: {name: fashion-mnist, resize: 12, per_class: 6, test_per_class: 2}
            model: {arch: resnet, block: basic, depth: 1, width_multiplier: 0.5}
            train: {optimizer: adam, lr: 0.001, epochs: 2, batch_size: 20}
            measure: {chunk: 20}
            """)
    }

    private func run(_ spec: String, threads: Int) throws -> JobResult {
        let json = try SweepHarness.temporaryDirectory("threads").appendingPathComponent("r.json").path
        let outcome = try SweepHarness.run(["run", spec, "--threads", String(threads), "--json", json])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        return try JSONCoding.decoder().decode(JobResult.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
    }

    func testThreadedRunsRepeatBitForBitAndRecordTheCount() throws {
        let spec = try spec()
        let first = try run(spec, threads: 2), second = try run(spec, threads: 2)
        XCTAssertEqual(first.threads, 2)
        XCTAssertEqual(first.layers.map(\.D), second.layers.map(\.D))
        XCTAssertEqual(first.finalLoss, second.finalLoss)
        let single = try run(spec, threads: 1)
        XCTAssertNil(single.threads, "one thread is the default and is not written")
        XCTAssertEqual(single.id, first.id, "the thread count is recorded, not part of the id")
        for (a, b) in zip(single.layers, first.layers) {
            XCTAssertEqual(a.D, b.D, accuracy: 1e-3 * a.D, "\(a.name): one and two threads agree up to rounding")
        }
    }

    func testSweepWithThreadsAutoGivesALoneJobTheSpareCores() throws {
        let spec = try spec()
        let directory = try SweepHarness.temporaryDirectory("threads-auto").path
        let outcome = try SweepHarness.run(["sweep", spec, "--out", directory, "--slots", "1", "--threads", "auto"])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        let result = try XCTUnwrap(try SweepHarness.results(in: directory).first)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        XCTAssertEqual(result.threads ?? 1, cores, "one job on a \(cores)-core node runs on all of them")
        let bad = try SweepHarness.run(["sweep", spec, "--out", directory, "--threads", "0"])
        XCTAssertNotEqual(bad.status, 0, bad.combined)
    }
}
