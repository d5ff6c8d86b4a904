import Foundation
import MPIRunner
import Sweep
import TestSupport

/// Runs jobs instantly in process: each started job ends at the next `wait` with an `ok` result whose D
/// values come from `StoreFixtures.okResult` (or the status `failing` names for its id).
final class FakeLauncher: JobLauncher {
    let slots: Int
    private(set) var started: [String] = []
    private var running: [JobSpec] = []
    var failing: [String: JobStatus] = [:]

    init(slots: Int) {
        self.slots = slots
    }

    var runningCount: Int { running.count }
    var freeSlots: Int { slots - running.count }

    func start(_ spec: JobSpec, id: String?) -> JobReport? {
        started.append(id ?? spec.id)
        running.append(spec)
        return nil
    }

    func wait(milliseconds: Int) -> [JobReport] {
        defer { running.removeAll() }
        return running.map { job in
            if let status = failing[job.id] {
                return JobReport(result: StoreFixtures.failedResult(job, status), log: "failed on purpose\n")
            }
            // A fixture result always encodes: it holds only finite numbers.
            let result = (try? StoreFixtures.okResult(job)) ?? StoreFixtures.failedResult(job, .error)
            return JobReport(result: result, log: "ran in process\n")
        }
    }

    func terminateAll() {
        running.removeAll()
    }
}
