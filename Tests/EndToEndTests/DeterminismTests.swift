@testable import Sweep
import TestSupport
import XCTest

/// The same sweep gives the same job ids and bitwise-identical D values whatever the rank count.
final class DeterminismTests: XCTestCase {
    func testOneRankThreeRanksAndNoMPIAgreeBitwise() throws {
        _ = try SweepHarness.mpirun()
        let spec = try SweepHarness.writeSpec(TinySpecs.grid())
        let one = try SweepHarness.temporaryDirectory("np1").path
        let three = try SweepHarness.temporaryDirectory("np3").path
        let plain = try SweepHarness.temporaryDirectory("plain").path

        let a = try SweepHarness.run(["sweep", spec, "--out", one], ranks: 1)
        XCTAssertEqual(a.status, 0, a.combined)
        let b = try SweepHarness.run(["sweep", spec, "--out", three], ranks: 3)
        XCTAssertEqual(b.status, 0, b.combined)
        XCTAssertTrue(b.stdout.contains("3 ranks"), b.stdout)
        let c = try SweepHarness.run(["sweep", spec, "--out", plain, "--slots", "2"])
        XCTAssertEqual(c.status, 0, c.combined)

        let expected = Set(try SweepHarness.jobIDs(spec))
        let results = try [one, three, plain].map { try SweepHarness.results(in: $0) }
        for set in results {
            XCTAssertEqual(set.count, expected.count)
            XCTAssertEqual(Set(set.map(\.id)), expected)
            XCTAssertTrue(set.allSatisfy { $0.status == .ok && $0.layers.count >= 2 }, "\(set.map(\.status))")
        }
        let reference = SweepHarness.fuzziness(results[0])
        XCTAssertEqual(SweepHarness.fuzziness(results[1]), reference, "-np 1 and -np 3 differ")
        XCTAssertEqual(SweepHarness.fuzziness(results[2]), reference, "-np 1 and a plain process differ")
        for directory in [one, three, plain] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory + "/summary.md"))
            XCTAssertEqual(try String(contentsOfFile: directory + "/failed.txt", encoding: .utf8), "")
        }
    }
}
