import Foundation
import MPIRunner
import Sweep
import TestSupport
import XCTest

/// Without `--job-timeout` a job still has a limit (the executor's default for it): a child that never ends is
/// killed and recorded as `timeout`, saying which limit it ran past.
final class JobExecutorTimeoutTests: XCTestCase {
    private func executor(jobTimeout: Double?, defaultLimit: Double?) -> JobExecutor {
        var configuration = ExecutorConfiguration(executable: "/bin/sh", slots: 1, jobTimeout: jobTimeout, blasThreads: 1)
        configuration.arguments = ["-c", "exec sleep 30"]  // a job that hangs
        configuration.defaultTimeout = { _ in defaultLimit }
        return JobExecutor(configuration: configuration)
    }

    private func report(_ executor: JobExecutor) throws -> JobReport {
        let job = try XCTUnwrap(try StoreFixtures.spec().jobs.first)
        XCTAssertNil(executor.start(job, id: nil))
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let report = executor.wait(milliseconds: 100).first { return report }
        }
        executor.terminateAll()
        throw XCTSkip("the hanging job was not stopped within 20 s")
    }

    func testTheDefaultLimitStopsAHangingJob() throws {
        let started = Date()
        let result = try report(executor(jobTimeout: nil, defaultLimit: 0.5)).result
        XCTAssertEqual(result.status, .timeout)
        XCTAssertTrue(result.message?.contains("default time limit of 0.5 s") ?? false, result.message ?? "")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    func testAnExplicitTimeoutWins() throws {
        let result = try report(executor(jobTimeout: 0.3, defaultLimit: 1000)).result
        XCTAssertEqual(result.status, .timeout)
        XCTAssertTrue(result.message?.contains("--job-timeout 0.3 s") ?? false, result.message ?? "")
    }
}
