import Foundation
import Linalg
import Sweep
import TestSupport
import XCTest

/// `seplaw` runs on the OpenBLAS kernels the CPU can run even where OpenBLAS's detection falls back to generic
/// ones, records them, and leaves a core the user chose alone.
final class BLASCoreSelectionTests: XCTestCase {
    private func core(environment: [String: String]) throws -> String {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        let spec = try SweepHarness.writeSpec("""
            name: blas-core
            dataset: {name: fashion-mnist, resize: 8, per_class: 4, test_per_class: 2}
            model: {arch: gfnn, depth: 2, width: 12}
            train: {optimizer: sgd, lr: 0.01, epochs: 1, batch_size: 8}
            """)
        let json = try SweepHarness.temporaryDirectory("blas-core").appendingPathComponent("r.json").path
        let outcome = try SweepHarness.run(["run", spec, "--json", json], environment: environment)
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        return try JSONCoding.decoder().decode(JobResult.self, from: Data(contentsOf: URL(fileURLWithPath: json))).blas.core
    }

    func testAnAVX2MachineRunsOnVectorKernels() throws {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else {
            throw XCTSkip("OPENBLAS_CORETYPE is set for the tests")
        }
        let flags = BLASCoreChoice.cpuFlags()
        guard flags.contains("avx2") && flags.contains("fma") else { throw XCTSkip("this CPU has no AVX2/FMA") }
        let core = try core(environment: [:])
        XCTAssertTrue(BLASCoreChoice.vectorCores.contains(core), "ran on \(core), a generic OpenBLAS core")
    }

    func testACoreTheUserChoseIsKept() throws {
        XCTAssertEqual(try core(environment: ["OPENBLAS_CORETYPE": "Prescott"]), "Prescott")
    }
}
