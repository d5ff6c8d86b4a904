import XCTest
@testable import Datasets

/// The CIFAR-10 reader `Scripts/fuzz.sh` fuzzes with libFuzzer (FuzzCIFAR), replayed in the unit suite
/// with seeded mutations of valid batches (bytes dropped, overwritten, truncated, label bytes set to
/// random values): every input gives a consistent image set or an error naming the file, never a trap.
final class FuzzCIFARTests: XCTestCase {
    func testMutatedBatchesNeverTrap() throws {
        let dir = try makeTemporaryDirectory(self)
        let seeds = [cifarBatch(batch: 1, labels: [0, 9]), cifarBatch(batch: 2, labels: [5]), cifarBatch(batch: 3, labels: [1, 2, 3])]
        var mutator = SeededMutator(seed: 2024)
        var parsed = 0, rejected = 0
        var messages: Set<String> = []
        for iteration in 0..<600 {
            var bytes = seeds[iteration % seeds.count]
            switch iteration % 3 {
            case 0: bytes = mutator.mutate(bytes)
            case 1: // a label byte of a random record set to a random value
                let record = mutator.next(in: 0..<(bytes.count / CIFAR10.recordSize))
                bytes[record * CIFAR10.recordSize] = UInt8(mutator.next(in: 0..<256))
            default: // bytes appended or cut at a random place
                let cut = mutator.next(in: 0..<bytes.count)
                bytes = mutator.next(in: 0..<2) == 0 ? Array(bytes.prefix(cut)) : bytes + [UInt8](repeating: 7, count: cut % 5000)
            }
            let path = dir + "/" + CIFAR10.testFile
            try writeFile(bytes, to: path)
            for viaDirectory in [false, true] {
                do {
                    let set = viaDirectory ? try CIFAR10.testSet(directory: dir) : try CIFAR10.readBatch(path: path)
                    XCTAssertEqual([set.channels, set.height, set.width], [3, 32, 32])
                    XCTAssertEqual(set.pixels.count, set.count * 3072)
                    XCTAssertEqual(set.count * CIFAR10.recordSize, bytes.count)
                    XCTAssertTrue(set.labels.allSatisfy { $0 >= 0 && $0 < 10 })
                    let green = set.keepingChannels([CIFAR10.green]).resized(to: 10)
                    XCTAssertEqual(green.pixels.count, set.count * 100)
                    parsed += 1
                } catch {
                    XCTAssertEqual(error.path, path)
                    XCTAssertTrue(error.description.hasPrefix(path), "\(error)")
                    messages.insert(String(error.message.prefix(12)))
                    rejected += 1
                }
            }
        }
        XCTAssertEqual(parsed + rejected, 1200)
        XCTAssertGreaterThan(parsed, 0)
        XCTAssertGreaterThan(rejected, 0)
        XCTAssertGreaterThanOrEqual(messages.count, 2, "both truncation and label errors were reached: \(messages)")
    }
}
