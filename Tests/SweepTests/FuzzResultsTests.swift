import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// The readers `Scripts/fuzz.sh` fuzzes with libFuzzer (FuzzResults), replayed in the unit suite with
/// seeded mutations of a valid directory: a `results.jsonl` being resumed and its `sweep.yaml` either
/// open (bad lines skipped with a warning naming the file) or are refused with an error naming it;
/// nothing traps, and what the store leaves on disk reads back whole.
final class FuzzResultsTests: XCTestCase {
    private func validResults(_ spec: SweepSpec) throws -> [UInt8] {
        var lines = try spec.jobs.map { try JSONCoding.line(try StoreFixtures.okResult($0)) }
        lines.append(try JSONCoding.line(StoreFixtures.failedResult(spec.jobs[0])))
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private func mutate(_ bytes: [UInt8], _ rng: inout SpecFuzzTests.Generator) -> [UInt8] {
        var bytes = bytes
        let alphabet = Array("{}[]\",:0123456789.-eE\n\r \\u\u{0}nulltrueidstatus".utf8) + [0xFF, 0xC3, 0x80]
        for _ in 0..<Int.random(in: 1...6, using: &rng) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: bytes.remove(at: position)
            case 1: bytes[position] = alphabet.randomElement(using: &rng)!
            case 2: bytes.insert(alphabet.randomElement(using: &rng)!, at: position)
            case 3: bytes.removeSubrange(position...)
            default:
                let end = min(bytes.count, position + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            }
        }
        return bytes
    }

    func testMutatedResultsFilesNeverTrapAndWarningsNameTheFile() throws {
        let spec = try StoreFixtures.spec()
        let valid = try validResults(spec)
        var rng = SpecFuzzTests.Generator(state: 7)
        for _ in 0..<300 {
            let file = ResultsFile(path: "dir/results.jsonl", data: Data(mutate(valid, &rng)))
            for warning in file.warnings { XCTAssertTrue(warning.hasPrefix("dir/results.jsonl: line "), warning) }
            for entry in file.entries { XCTAssertEqual(entry.id, entry.result.id) }
        }
    }

    func testMutatedDirectoriesOpenOrAreRefusedNamingTheFile() throws {
        let spec = try StoreFixtures.spec()
        let valid = try validResults(spec)
        let sweepYAML = Array(ResolvedSweep(spec: spec).yaml.utf8)
        var rng = SpecFuzzTests.Generator(state: 11)
        var opened = 0, refused = 0
        for iteration in 0..<60 {
            let directory = try StoreFixtures.temporaryDirectory("fuzz-store")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let mutateSweep = iteration % 3 == 2
            try Data(mutateSweep ? mutate(sweepYAML, &rng) : sweepYAML).write(to: URL(fileURLWithPath: directory + "/sweep.yaml"))
            try Data(mutateSweep ? valid : mutate(valid, &rng)).write(to: URL(fileURLWithPath: directory + "/results.jsonl"))
            do {
                let store = try ResultStore(directory: directory, spec: spec)
                let plan = try store.plan(for: spec, retryFailed: true)
                XCTAssertLessThanOrEqual(plan.toRun.count, spec.jobs.count)
                let after = try ResultsFile.read(path: store.resultsPath)
                XCTAssertEqual(after.tornBytes, 0, "the store must not leave a torn line behind")
                XCTAssertEqual(after.warnings.filter { $0.contains("torn") }, [])
                opened += 1
            } catch {
                XCTAssertTrue(error.path.hasPrefix(directory), "\(error)")
                refused += 1
            }
        }
        XCTAssertGreaterThan(opened, 0)
        XCTAssertEqual(opened + refused, 60)
    }
}
