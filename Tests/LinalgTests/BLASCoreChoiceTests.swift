import Foundation
import XCTest
@testable import Linalg

/// Which OpenBLAS kernels a process asks for when the library's own detection fell back to generic ones.
final class BLASCoreChoiceTests: XCTestCase {
    private let avx512: Set<String> = ["sse2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    func testAFallbackCoreOnAVX512HardwareAsksForSkylakeX() {
        XCTAssertEqual(BLASCoreChoice.preferredCore(current: "Prescott", cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(BLASCoreChoice.preferredCore(current: "Nehalem", cpuFlags: avx512), "SkylakeX")
    }

    func testAVX2WithoutTheFullAVX512SetAsksForHaswell() {
        XCTAssertEqual(BLASCoreChoice.preferredCore(current: "Prescott", cpuFlags: avx512.subtracting(["avx512vl"])), "Haswell")
        XCTAssertEqual(BLASCoreChoice.preferredCore(current: "Sandybridge", cpuFlags: ["avx", "avx2", "fma"]), "Haswell")
    }

    func testAVectorCoreOrAnOldCPUIsLeftAlone() {
        for core in BLASCoreChoice.vectorCores {
            XCTAssertNil(BLASCoreChoice.preferredCore(current: core, cpuFlags: avx512), core)
        }
        XCTAssertNil(BLASCoreChoice.preferredCore(current: "Prescott", cpuFlags: ["sse2", "avx"]))
        XCTAssertNil(BLASCoreChoice.preferredCore(current: "Prescott", cpuFlags: ["avx2"]), "AVX2 without FMA")
        XCTAssertNil(BLASCoreChoice.preferredCore(current: "NEOVERSEN1", cpuFlags: ["fp", "asimd"]))
    }

    func testFlagsAreReadFromTheFirstProcessorOfACpuinfoFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cpuinfo-\(getpid())")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            processor\t: 0
            model name\t: Some CPU
            flags\t\t: fpu sse2 avx2 fma
            
            processor\t: 1
            flags\t\t: fpu sse2 avx2 fma avx512f
            """.write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(BLASCoreChoice.cpuFlags(cpuinfo: file.path), ["fpu", "sse2", "avx2", "fma"])
        XCTAssertEqual(BLASCoreChoice.cpuFlags(cpuinfo: file.path + "-missing"), [])
    }
}
