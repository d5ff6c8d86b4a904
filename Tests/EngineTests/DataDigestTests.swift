import Datasets
@testable import Engine
import Foundation
import Linalg
import Sweep
import Vocabulary
import XCTest

/// Data digests follow the bytes of the files a recipe reads, are cached by file identity, and never wait on
/// something that is not a regular file; the memory estimate scales with the keys that size it and refuses
/// what does not fit.
final class DataDigestTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "seplaw-digest-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func writeIDXStandIns(_ folder: String, content: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for stem in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try (content + stem).write(toFile: "\(folder)/\(stem)", atomically: false, encoding: .utf8)
        }
    }

    func testAFileDigestIsFNV1aOverItsBytes() throws {
        let path = directory + "/text"
        let text = String(repeating: "separation fuzziness ", count: 100_000)  // > one read chunk
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(DataDigest.hashContents(path), FNV1a64.hex(FNV1a64.hash(text)))
    }

    func testTheDigestFollowsContentNotLocation() throws {
        let a = directory + "/a", b = directory + "/b"
        try writeIDXStandIns(a, content: "one")
        try writeIDXStandIns(b, content: "one")
        let digestA = DataDigest.of(DatasetRecipe(name: .mnist, path: a), cacheDirectory: nil)
        XCTAssertEqual(digestA?.count, 16)
        XCTAssertEqual(DataDigest.of(DatasetRecipe(name: .mnist, path: b), cacheDirectory: nil), digestA)
        try "two".write(toFile: b + "/t10k-labels-idx1-ubyte", atomically: false, encoding: .utf8)
        XCTAssertNotEqual(DataDigest.of(DatasetRecipe(name: .mnist, path: b), cacheDirectory: nil), digestA)
        XCTAssertNil(DataDigest.of(DatasetRecipe(name: .mnist, path: directory + "/missing"), cacheDirectory: nil))
        XCTAssertNil(DataDigest.of(DatasetRecipe(name: .gaussian), cacheDirectory: nil))
    }

    func testASpecIdentifiesDataOncePerDirectory() throws {
        let a = directory + "/a", b = directory + "/b"
        try writeIDXStandIns(a, content: "one")
        try writeIDXStandIns(b, content: "one")
        let yaml = { (paths: [String]) in
            "name: d\ndataset: {name: mnist, resize: 8, per_class: 5}\ngrid: {dataset.path: [\(paths.joined(separator: ", "))]}\n"
        }
        let same = try SweepSpec.parse(yaml: yaml([a, b]), file: "d.yaml").identifyingData(cacheDirectory: nil)
        XCTAssertEqual(same.jobs.count, 1)
        XCTAssertEqual(same.jobs[0].dataset.digest, DataDigest.of(DatasetRecipe(name: .mnist, path: a), cacheDirectory: nil))
        // Unreadable directories stay apart (each job then fails naming its own path).
        let missing = try SweepSpec.parse(yaml: yaml([directory + "/x", directory + "/y"]), file: "d.yaml")
            .identifyingData(cacheDirectory: nil)
        XCTAssertEqual(missing.jobs.count, 2)
        XCTAssertTrue(missing.jobs.allSatisfy { $0.dataset.digest?.hasPrefix("unreadable-") ?? false })
        // Without a path nothing changes.
        let plain = try SweepSpec.parse(yaml: "name: p\ndataset: {name: fashion-mnist}\n", file: "p.yaml")
        XCTAssertEqual(plain.identifyingData(cacheDirectory: nil).jobs.map(\.id), plain.jobs.map(\.id))
    }

    func testFileDigestsAreCachedByFileIdentity() throws {
        let path = directory + "/file", cache = directory + "/cache"
        try "first".write(toFile: path, atomically: false, encoding: .utf8)
        let real = try XCTUnwrap(DataDigest.fileDigest(path, cacheDirectory: cache))
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache + "/digests")
        XCTAssertEqual(entries.count, 1)
        // A planted entry is believed while the file is unchanged: the bytes are not read again.
        try "00000000000000aa".write(toFile: "\(cache)/digests/\(entries[0])", atomically: false, encoding: .utf8)
        XCTAssertEqual(DataDigest.fileDigest(path, cacheDirectory: cache), "00000000000000aa")
        // Rewriting the file changes its identity (change time, size): the digest is computed afresh.
        try "second!".write(toFile: path, atomically: false, encoding: .utf8)
        let fresh = DataDigest.fileDigest(path, cacheDirectory: cache)
        XCTAssertEqual(fresh, DataDigest.hashContents(path))
        XCTAssertNotEqual(fresh, real)
    }

    func testAFIFOIsNotReadAndDoesNotBlock() throws {
        let fifo = directory + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertNil(DataDigest.fileDigest(fifo, cacheDirectory: nil))
        XCTAssertNil(DataDigest.hashContents(fifo))
    }

    func testPeakMemoryScalesWithTheKeysThatSizeIt() throws {
        var job = JobSpec(dataset: DatasetConfig(name: .gaussian, perClass: 30, testPerClass: 10, dimension: 20),
                          model: ModelConfig(depth: 2, width: 16))
        job.train.batchSize = 1024
        let small = try JobPlan(job).peakMemory
        job.train.batchSize = 2048
        let double = try JobPlan(job).peakMemory
        XCTAssertEqual(double.parts[1].bytes, 2 * small.parts[1].bytes, accuracy: 1e-9 * small.parts[1].bytes)
        XCTAssertEqual(small.parts[1].key, "train.batch_size")
        let plan = try JobPlan(job)
        XCTAssertEqual(plan.peakMemory.parts[0].bytes, 16 * Double(plan.network.parameterCount))
        XCTAssertEqual(plan.peakMemory.parts[0].key, "model.width")

        let spec = SweepSpec(name: "m", file: "m.yaml", jobs: [job])
        XCTAssertNoThrow(try spec.plan(job, memoryLimit: 1e12))
        XCTAssertThrowsError(try spec.plan(job, memoryLimit: 1e5)) { error in
            let error = error as? SpecError
            XCTAssertEqual(error?.key, "train.batch_size")
            XCTAssertTrue(error?.message.contains("more than this machine's") ?? false, "\(String(describing: error))")
        }
        // Absurd values are sized, not trapped on.
        job.dataset.perClass = Int.max
        job.train.batchSize = Int.max
        XCTAssertFalse(try JobPlan(job).peakMemory.total <= MemoryEstimate.physicalMemory)
    }
}
