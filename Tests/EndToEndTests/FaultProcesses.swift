import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// Process-tree helpers for the fault-injection tests: find a rank or a job's process below a
/// started command, signal them, wait for conditions, and check a result directory's integrity.
enum FaultProcesses {
    /// A process below the started command.
    struct Member {
        let pid: Int32
        let arguments: [String]
        let environment: [String: String]
        var isJob: Bool { arguments.contains("worker-job") }
        var isSweepRank: Bool { arguments.contains("sweep") && !isJob }
        var rank: Int? { environment["OMPI_COMM_WORLD_RANK"].flatMap { Int($0) } }
    }

    /// Every process below `pid` (not `pid` itself), parents before children.
    static func descendants(of pid: Int32) -> [Member] {
        var tree: [Int32] = [pid]
        var index = 0
        var parents: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[child] = parent }
        }
        while index < tree.count {
            tree += parents.filter { $0.value == tree[index] }.map(\.key).sorted()
            index += 1
        }
        return tree.dropFirst().map { member in
            Member(pid: member, arguments: nullSeparated("/proc/\(member)/cmdline"),
                   environment: Dictionary(nullSeparated("/proc/\(member)/environ").compactMap { item in
                       item.firstIndex(of: "=").map { (String(item[..<$0]), String(item[item.index(after: $0)...])) }
                   }, uniquingKeysWith: { a, _ in a }))
        }
    }

    private static func nullSeparated(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
    @discardableResult
    static func wait(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Waits for a started command to end (SIGKILLs its tree after `timeout`, failing the test).
    static func finish(_ running: SweepHarness.Running, timeout: TimeInterval,
                       file: StaticString = #filePath, line: UInt = #line) -> SweepHarness.Outcome {
        if !wait(timeout: timeout, { !running.process.isRunning }) {
            SweepHarness.killTree(running.process.processIdentifier)
            XCTFail("the command did not end within \(Int(timeout)) s and was killed", file: file, line: line)
        }
        running.process.waitUntilExit()
        return running.outcome()
    }

    /// `seplaw worker-job` processes anywhere on the machine started by the binary under test (orphans
    /// would show up here after their rank died).
    static func strayJobs(of binary: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry) else { return nil }
            let arguments = nullSeparated("/proc/\(entry)/cmdline")
            return arguments.first == binary && arguments.contains("worker-job") ? pid : nil
        }
    }

    /// Checks a result directory after a fault: every line a valid result of the spec, no torn tail,
    /// no id twice. Returns the ids stored.
    @discardableResult
    static func assertIntact(_ directory: String, spec: String, file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        let path = directory + "/results.jsonl"
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let parsed = ResultsFile(path: path, data: data)
        XCTAssertEqual(parsed.warnings, [], "results.jsonl must hold only whole, valid lines", file: file, line: line)
        XCTAssertEqual(parsed.tornBytes, 0, file: file, line: line)
        let ids = parsed.entries.map(\.id)
        XCTAssertEqual(ids.count, Set(ids).count, "no job may be stored twice", file: file, line: line)
        XCTAssertTrue(Set(ids).isSubset(of: Set(try SweepHarness.jobIDs(spec))), file: file, line: line)
        return Set(ids)
    }

    /// Job id → D bit patterns of an uninterrupted run of `spec` (one plain process, two jobs at once),
    /// computed once per spec text per test process.
    static func reference(spec: String) throws -> [String: [UInt64]] {
        let text = try String(contentsOfFile: spec, encoding: .utf8)
        if let cached = referenceCache.value[text] { return cached }
        let directory = try SweepHarness.temporaryDirectory("reference").path
        let outcome = try SweepHarness.run(["sweep", spec, "--out", directory, "--slots", "2"])
        XCTAssertEqual(outcome.status, 0, outcome.combined)
        let fuzziness = SweepHarness.fuzziness(try SweepHarness.results(in: directory))
        referenceCache.value[text] = fuzziness
        return fuzziness
    }

    private final class Cache: @unchecked Sendable { var value: [String: [String: [UInt64]]] = [:] }
    private static let referenceCache = Cache()
}
