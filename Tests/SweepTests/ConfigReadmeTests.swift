import XCTest
@testable import Sweep

/// `Configs/README.md` lists every committed spec with its true job count.
final class ConfigReadmeTests: XCTestCase {
    func testTableListsEveryConfigWithItsJobCount() throws {
        let configs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Configs")
        guard let readme = try? String(contentsOf: configs.appendingPathComponent("README.md"), encoding: .utf8) else {
            throw XCTSkip("no Configs/README.md next to the tests")
        }
        var listed: [String: Int] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, let jobs = Int(cells[2]) else { continue }
            listed[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = jobs
        }
        let files = (try FileManager.default.contentsOfDirectory(atPath: configs.path)).filter { $0.hasSuffix(".yaml") }
        XCTAssertFalse(files.isEmpty)
        for file in files.sorted() {
            guard let jobs = listed[file] else {
                XCTFail("Configs/README.md does not list \(file)")
                continue
            }
            let spec = try SweepSpec.load(path: configs.appendingPathComponent(file).path)
            XCTAssertEqual(spec.jobs.count, jobs, "job count of \(file) in Configs/README.md")
        }
        XCTAssertEqual(Set(listed.keys), Set(files), "the table lists only files that exist")
    }
}
