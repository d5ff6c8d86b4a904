import TestSupport
import XCTest
@testable import Sweep

/// `Cluster/slurm-array.sbatch` on a real one-node Slurm cluster: a 6-task array, each task
/// `seplaw run SPEC --job $SLURM_ARRAY_TASK_ID --out DIR`, fills one result directory that
/// `seplaw summarize` and a later `seplaw sweep` read. Skips, saying why, where Slurm cannot start.
final class SlurmArrayTests: XCTestCase {
    func testSixTaskArrayFillsOneResultDirectory() throws {
        let binary = try SweepHarness.seplaw()
        let cluster = try SlurmCluster()
        defer { cluster.stop() }
        let work = try SweepHarness.temporaryDirectory("slurm-array")
        let spec = try SweepHarness.writeSpec(TinySpecs.grid(name: "slurm-array"))
        let ids = try SweepHarness.jobIDs(spec)
        XCTAssertEqual(ids.count, 6)
        let out = work.appendingPathComponent("out").path
        let job = try cluster.submit(SlurmCluster.clusterFile("slurm-array.sbatch"),
                                     options: ["--array=0-5", "--time=10", "--chdir=\(work.path)",
                                               "--output=\(work.path)/task-%a.log"],
                                     variables: ["SEPLAW": binary, "SPEC": spec, "OUT": out])
        let records = cluster.waitForEnd(job, timeout: 300)
        let logs = (0..<6).map { SlurmCluster.text("\(work.path)/task-\($0).log") }.joined(separator: "\n")
        XCTAssertEqual(records.count, 6, logs)
        XCTAssertEqual(records.map { $0["JobState"] ?? "?" }, Array(repeating: "COMPLETED", count: 6), logs)
        XCTAssertEqual(Set(records.compactMap { $0["ArrayTaskId"] }), Set((0..<6).map(String.init)), logs)
        XCTAssertEqual(SweepHarness.lineCount(out + "/results.jsonl"), 6, logs)
        try SlurmSweepTests.checkEveryJobOnce(out, ids: ids, log: logs)
        XCTAssertEqual(try ResolvedSweep.parse(SlurmCluster.text(out + "/sweep.yaml"), file: "sweep.yaml").ids, ids)

        let summary = try SweepHarness.run(["summarize", out])
        XCTAssertEqual(summary.status, 0, summary.combined)
        let summaryJSON = SlurmCluster.text(out + "/summary.json")
        XCTAssertFalse(summaryJSON.isEmpty, summary.combined)
        let sweep = try SweepHarness.run(["sweep", spec, "--out", out])
        XCTAssertEqual(sweep.status, 0, sweep.combined)
        XCTAssertTrue(sweep.stdout.contains("6 jobs: 6 done, 0 to run"), sweep.stdout)
        print("6-task array \(job):\n" + logs.split(separator: "\n").filter { $0.hasPrefix("seplaw array") || $0.hasPrefix("appended") }
            .joined(separator: "\n") + "\n" + summary.stdout + "\n" + sweep.stdout.split(separator: "\n").prefix(1).joined())
    }
}
