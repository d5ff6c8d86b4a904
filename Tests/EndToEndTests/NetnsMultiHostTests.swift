import TestSupport
import XCTest

/// Runs `Cluster/netns-multihost.sh`: a sweep across ranks in separate network namespaces (one per
/// "host", TCP between them, launched through `ip netns exec`) must equal a single-host run bitwise.
/// Skips, saying why, where network namespaces cannot be made (not root, no iproute2, a container
/// without CAP_SYS_ADMIN).
final class NetnsMultiHostTests: XCTestCase {
    func testSweepAcrossNetworkNamespacesEqualsSingleHostRun() throws {
        _ = try SweepHarness.mpirun()
        let binary = try SweepHarness.seplaw()
        guard SweepHarness.isRoot else { throw XCTSkip("network namespaces need root: the multi-host run is not tested") }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Cluster/netns-multihost.sh").path
        guard FileManager.default.fileExists(atPath: script) else { throw XCTSkip("\(script) is missing") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, binary]
        var environment = ProcessInfo.processInfo.environment
        environment["RUN_TIMEOUT"] = "50"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 77 {
            throw XCTSkip("network namespaces are not available here: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        XCTAssertEqual(process.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("rank 0 on ") && text.contains("rank 1 on "), text)
        XCTAssertTrue(text.contains("EQUAL: 8 jobs"), text)
    }
}
