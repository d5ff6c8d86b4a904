import Foundation
@testable import MPIRunner
import Sweep
import TestSupport
import XCTest

/// The coordinator's hand-out and bookkeeping, driven in process: jobs go longest first, every result is
/// recorded exactly once, other ranks get work for each of their slots and a "no work" for each at the end.
final class CoordinatorTests: XCTestCase {
    private func queue(_ spec: SweepSpec) -> [QueuedJob] {
        // Cost: the job's depth, so the order is known.
        QueuedJob.schedule(spec.jobs.map { QueuedJob(spec: $0, id: $0.id, cost: Double($0.model.depth)) })
    }

    func testScheduleIsLongestFirstWithTiesInSpecOrder() throws {
        let spec = try StoreFixtures.spec(depths: [1, 3, 2], seeds: [0, 1])
        let order = queue(spec).map(\.spec)
        XCTAssertEqual(order.map(\.model.depth), [3, 3, 2, 2, 1, 1])
        XCTAssertEqual(order.map(\.seed), [0, 1, 0, 1, 0, 1])
    }

    func testAloneItRunsEveryJobLocallyAndRecordsEachOnce() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2, 3], seeds: [0, 1])
        let launcher = FakeLauncher(slots: 2)
        var recorded: [String] = []
        let outcome = Coordinator(world: nil, executor: launcher, jobs: queue(spec), progress: nil) { report in
            recorded.append(report.result.id)
        }.run()
        guard case .completed = outcome else { return XCTFail("expected completed, got \(outcome)") }
        XCTAssertEqual(launcher.started, queue(spec).map(\.id))
        XCTAssertEqual(recorded.sorted(), spec.jobs.map(\.id).sorted())
    }

    func testWorkerRanksGetJobsAndEachSlotIsRetired() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2, 3, 4], seeds: [0, 1, 2])
        let ranks = FakeRanks(workers: 2, slotsEach: 2)
        let launcher = FakeLauncher(slots: 1)
        var recorded: [String] = []
        let outcome = Coordinator(world: ranks, executor: launcher, jobs: queue(spec), progress: nil) { report in
            recorded.append(report.result.id)
        }.run()
        guard case .completed = outcome else { return XCTFail("expected completed, got \(outcome)") }
        let remote = ranks.received.values.flatMap { $0 }
        XCTAssertFalse(remote.isEmpty, "the workers got jobs")
        XCTAssertEqual(Set(remote + launcher.started), Set(spec.jobs.map(\.id)))
        XCTAssertEqual(remote.count + launcher.started.count, spec.jobs.count, "no job ran twice")
        XCTAssertEqual(recorded.sorted(), spec.jobs.map(\.id).sorted())
        XCTAssertEqual(ranks.retired, [1: 2, 2: 2], "each worker slot is told there is no more work")
    }

    func testAFailureToRecordStopsTheSweep() throws {
        let spec = try StoreFixtures.spec(depths: [1, 2], seeds: [0])
        struct DiskFull: Error {}
        let outcome = Coordinator(world: nil, executor: FakeLauncher(slots: 1), jobs: queue(spec), progress: nil) { _ in
            throw DiskFull()
        }.run()
        guard case .failed = outcome else { return XCTFail("expected failed, got \(outcome)") }
    }
}
