import Foundation
import MPIRunner
import Sweep
import TestSupport
import XCTest

/// Both sides of the worker protocol: what the rank writes the child reads, and the child's one result
/// line is all the rank accepts.
final class WorkerProtocolTests: XCTestCase {
    func testJobAndResultRoundTrip() throws {
        let job = try XCTUnwrap(try StoreFixtures.spec().jobs.last)
        let decoded = try WorkerProtocol.decodeJob(Data(try WorkerProtocol.encodeJob(job)))
        XCTAssertEqual(decoded, job)
        XCTAssertEqual(decoded.id, job.id)
        let result = try StoreFixtures.okResult(job)
        let line = try WorkerProtocol.resultLine(result)
        XCTAssertTrue(line.hasSuffix("\n"))
        let (read, bytes) = try XCTUnwrap(WorkerProtocol.decodeResult(Array(line.utf8)))
        XCTAssertEqual(read, result)
        XCTAssertEqual(bytes + "\n", line, "the rank keeps the exact bytes the job wrote")
    }

    func testAnythingButOneResultLineIsRejected() throws {
        let job = try XCTUnwrap(try StoreFixtures.spec().jobs.first)
        let line = try WorkerProtocol.resultLine(try StoreFixtures.okResult(job))
        XCTAssertNil(WorkerProtocol.decodeResult(Array((line + line).utf8)), "two results")
        XCTAssertNil(WorkerProtocol.decodeResult(Array("this is not JSON\n".utf8)))
        XCTAssertNil(WorkerProtocol.decodeResult([]))
    }

    func testArgumentsAndEnvironmentFixTheThreadCount() {
        XCTAssertEqual(WorkerProtocol.arguments(blasThreads: 3, threads: 2, epochLog: true),
                       [WorkerProtocol.subcommand, "--blas-threads", "3", "--threads", "2", "--epoch-log"])
        let environment = WorkerProtocol.environment(["PATH": "/bin", "OPENBLAS_NUM_THREADS": "16"], blasThreads: 2)
        XCTAssertEqual(environment["OPENBLAS_NUM_THREADS"], "2")
        XCTAssertEqual(environment["OMP_NUM_THREADS"], "2")
        XCTAssertEqual(environment["PATH"], "/bin")
    }
}
