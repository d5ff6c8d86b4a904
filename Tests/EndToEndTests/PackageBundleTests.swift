import TestSupport
import XCTest
@testable import Sweep

/// The relocatable bundle of `Scripts/package.sh`, unpacked into a temporary directory, runs a sweep
/// (one process, and two ranks under `mpirun`) with the Swift toolchain off PATH and LD_LIBRARY_PATH.
/// The bundle needs a release build (minutes), so this test uses the newest bundle under
/// `.build/package/` or the tarball in `SEPLAW_BUNDLE`, and skips, saying so, when there is none:
/// `bash Scripts/package.sh && swift test --filter PackageBundleTests`.
final class PackageBundleTests: XCTestCase {
    func testUnpackedBundleRunsSweepWithoutToolchain() throws {
        let bundle = try Self.bundle()
        let unpacked = try SweepHarness.temporaryDirectory("bundle")
        let untar = ShellCommand.run("/bin/tar", ["-xzf", bundle, "-C", unpacked.path])
        XCTAssertEqual(untar.status, 0, untar.output)
        let top = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: unpacked.path).first { $0.hasPrefix("seplaw-") })
        let root = unpacked.appendingPathComponent(top).path
        let binary = root + "/bin/seplaw"
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary))
        XCTAssertTrue(ShellCommand.text(root + "/README.md").contains("Open MPI 4.x"))

        // No toolchain: PATH without the directories that hold `swift`, no LD_LIBRARY_PATH.
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
            .filter { !$0.isEmpty && !FileManager.default.fileExists(atPath: $0 + "/swift") && !$0.contains("swift") }
        let environment = ["PATH": path.joined(separator: ":"), "LD_LIBRARY_PATH": "", "SEPLAW_CACHE_DIR": ""]
        XCTAssertNotEqual(ShellCommand.run("/bin/sh", ["-c", "command -v swift"], environment: environment).status, 0)

        let libraries = ShellCommand.run("/usr/bin/ldd", [binary], environment: environment)
        XCTAssertEqual(libraries.status, 0, libraries.output)
        XCTAssertFalse(libraries.output.contains("not found"), libraries.output)
        for swiftLibrary in ["libswiftCore", "libFoundation", "libdispatch", "/opt/swift"] {
            XCTAssertFalse(libraries.output.contains(swiftLibrary), "the bundle links \(swiftLibrary):\n\(libraries.output)")
        }

        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "bundle"))
        let ids = try SweepHarness.jobIDs(spec)
        let single = unpacked.appendingPathComponent("single").path
        let alone = ShellCommand.run(binary, ["sweep", spec, "--out", single], environment: environment,
                                     directory: unpacked.path, timeout: 300)
        XCTAssertEqual(alone.status, 0, alone.output)
        XCTAssertEqual(Set(try SweepHarness.results(in: single).map(\.id)), Set(ids), alone.output)

        let mpirun = try SweepHarness.mpirun()
        let ranked = unpacked.appendingPathComponent("mpi").path
        let launcher = ["-np", "2", "--oversubscribe"] + (SweepHarness.isRoot ? ["--allow-run-as-root"] : [])
        let underMPI = ShellCommand.run(mpirun, launcher + [binary, "sweep", spec, "--out", ranked], environment: environment,
                                        directory: unpacked.path, timeout: 300)
        XCTAssertEqual(underMPI.status, 0, underMPI.output)
        XCTAssertTrue(underMPI.output.contains("2 ranks × 1 slot"), underMPI.output)
        let results = try SweepHarness.results(in: ranked)
        XCTAssertEqual(Set(results.map(\.id)), Set(ids))
        // Two ranks compute what one process computes: the same D, bit for bit.
        XCTAssertEqual(SweepHarness.fuzziness(results), SweepHarness.fuzziness(try SweepHarness.results(in: single)))
        print("bundle \(bundle) (\(top)), unpacked in \(unpacked.path), PATH=\(environment["PATH"] ?? ""):\n"
              + alone.output.split(separator: "\n").prefix(1).joined() + "\n"
              + underMPI.output.split(separator: "\n").filter { $0.hasPrefix("sweep ") || $0.hasPrefix("summary") }.joined(separator: "\n"))
    }

    /// `SEPLAW_BUNDLE`, or the newest `.build/package/seplaw-*.tar.gz` of this checkout.
    static func bundle() throws -> String {
        if let given = ProcessInfo.processInfo.environment["SEPLAW_BUNDLE"], !given.isEmpty {
            guard FileManager.default.fileExists(atPath: given) else { throw XCTSkip("SEPLAW_BUNDLE=\(given) does not exist") }
            return given
        }
        let directory = SlurmCluster.repositoryRoot.appendingPathComponent(".build/package")
        let bundles = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("seplaw-") && $0.hasSuffix(".tar.gz") }
            .map { directory.appendingPathComponent($0).path }
        let dated = bundles.map { path in
            (path, (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }
        guard let newest = dated.max(by: { $0.1 < $1.1 })?.0 else {
            throw XCTSkip("no seplaw bundle was built: run `bash Scripts/package.sh` (a release build) or set SEPLAW_BUNDLE "
                          + "to test the relocatable bundle")
        }
        return newest
    }
}
