import XCTest
@testable import Datasets

final class ClassSamplerTests: XCTestCase {
    /// 3 classes with 50, 30 and 20 examples, interleaved.
    private let labels: [Int] = (0..<100).map { $0 % 10 < 5 ? 0 : ($0 % 10 < 8 ? 1 : 2) }

    private func histogram(_ indices: [Int], classes: Int = 3) -> [Int] {
        var counts = [Int](repeating: 0, count: classes)
        for i in indices { counts[labels[i]] += 1 }
        return counts
    }

    func testBalancedIsExactDeterministicAndSeedDependent() throws {
        let a = try ClassSampler.balanced(labels: labels, classCount: 3, perClass: 10, seed: 1)
        XCTAssertEqual(a.count, 30)
        XCTAssertEqual(Set(a).count, 30)
        XCTAssertEqual(histogram(a), [10, 10, 10])
        XCTAssertEqual(try ClassSampler.balanced(labels: labels, classCount: 3, perClass: 10, seed: 1), a)
        XCTAssertNotEqual(try ClassSampler.balanced(labels: labels, classCount: 3, perClass: 10, seed: 2), a)
        XCTAssertNotEqual(a, a.sorted(), "indices come in shuffled order")
    }

    func testPrefixPropertyOfTheShuffle() throws {
        // Drawing from one shuffle: a smaller sample is contained in a larger one with the same seed.
        let small = Set(try ClassSampler.balanced(labels: labels, classCount: 3, perClass: 5, seed: 9))
        let large = Set(try ClassSampler.balanced(labels: labels, classCount: 3, perClass: 15, seed: 9))
        XCTAssertTrue(small.isSubset(of: large))
    }

    func testAllIsAPermutation() throws {
        let all = try ClassSampler.balanced(labels: labels, classCount: 3, perClass: nil, seed: 4)
        XCTAssertEqual(all.sorted(), Array(0..<100))
        XCTAssertNotEqual(all, Array(0..<100))
    }

    func testExplicitCounts() throws {
        let picked = try ClassSampler.counts(labels: labels, classCount: 3, perClass: [50, 3, 0], seed: 5)
        XCTAssertEqual(histogram(picked), [50, 3, 0])
        XCTAssertEqual(picked, try ClassSampler.counts(labels: labels, classCount: 3, perClass: [50, 3, 0], seed: 5))
    }

    func testErrors() {
        assertDatasetError(path: "", contains: ["class 2 has only 20 examples", "25 were requested"]) { () throws(DatasetError) in
            try ClassSampler.balanced(labels: labels, classCount: 3, perClass: 25, seed: 0)
        }
        assertDatasetError(path: "", contains: ["list 2 classes", "there are 3"]) { () throws(DatasetError) in
            try ClassSampler.counts(labels: labels, classCount: 3, perClass: [1, 1], seed: 0)
        }
        assertDatasetError(path: "", contains: ["negative"]) { () throws(DatasetError) in
            try ClassSampler.counts(labels: labels, classCount: 3, perClass: [1, -1, 1], seed: 0)
        }
        assertDatasetError(path: "", contains: ["label 3", "outside 0..<3"]) { () throws(DatasetError) in
            try ClassSampler.balanced(labels: [0, 3], classCount: 3, perClass: nil, seed: 0)
        }
        assertDatasetError(path: "", contains: ["at least 1"]) { () throws(DatasetError) in
            try ClassSampler.balanced(labels: [], classCount: 0, perClass: 1, seed: 0)
        }
    }
}
