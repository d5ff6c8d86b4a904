import Sweep
import TestSupport

/// Results the fakes make up for a job.
enum TestResults {
    static func ok(_ job: JobSpec) throws -> JobResult {
        try StoreFixtures.okResult(job)
    }
}
