import XCTest
@testable import Sweep

/// Every committed sweep definition under `Configs/` must load.
final class ConfigFilesTests: XCTestCase {
    func testCommittedConfigsLoad() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Configs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else { throw XCTSkip("no Configs/*.yaml next to the tests") }
        for name in files {
            let path = root.appendingPathComponent(name).path
            do {
                let spec = try SweepSpec.load(path: path)
                XCTAssertFalse(spec.jobs.isEmpty, name)
            } catch {
                XCTFail("\(error)")
            }
        }
    }
}
