import XCTest
@testable import Datasets

/// The IDX readers `Scripts/fuzz.sh` fuzzes with libFuzzer (FuzzIDX, FuzzImageSet), replayed in the
/// unit suite with seeded mutations of valid plain and gzip files: every input gives a file or an error
/// naming the file, never a trap.
final class FuzzIDXTests: XCTestCase {
    private struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    private func mutate(_ bytes: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
            let position = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes.remove(at: position)
            case 1: bytes[position] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes[position] = [0x00, 0x01, 0x08, 0xFF, 0x7F, 0x80].randomElement(using: &rng)!
            default: bytes.removeSubrange(position...)
            }
        }
        return bytes
    }

    func testMutatedIDXAndGzipFilesNeverTrap() throws {
        let dir = try makeTemporaryDirectory(self)
        let images = smallImages(count: 4, height: 3, width: 2, classes: 3)
        let plain = idxBytes([4, 3, 2], images.pixels)
        let seeds = [plain, try gzipCompress(plain), idxBytes([4], images.labels), try gzipCompress(idxBytes([4], images.labels))]
        var rng = SplitMix(state: 42)
        var parsed = 0, rejected = 0
        for iteration in 0..<800 {
            let bytes = mutate(seeds[iteration % seeds.count], &rng)
            let path = dir + "/input-\(iteration % 2 == 0 ? "idx" : "idx.gz")"
            try writeFile(bytes, to: path)
            do {
                let file = try IDXFile.read(path: path)
                XCTAssertEqual(file.bytes.count, file.dimensions.reduce(1, *))
                parsed += 1
            } catch {
                XCTAssertEqual(error.path, path)
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 0)
        XCTAssertEqual(parsed + rejected, 800)
    }

    func testGzipTrailerClaimingFourGiBIsRejectedWithoutATrap() throws {
        let dir = try makeTemporaryDirectory(self)
        var bytes = try gzipCompress(idxBytes([2], [1, 2]))
        bytes.replaceSubrange((bytes.count - 4)..., with: [0xFF, 0xFF, 0xFF, 0xFF])
        let path = dir + "/lying-trailer.gz"
        try writeFile(bytes, to: path)
        assertDatasetError(path: path, contains: []) { () throws(DatasetError) in try IDXFile.read(path: path) }
    }

    func testMutatedImageLabelPairsNeverTrap() throws {
        let dir = try makeTemporaryDirectory(self)
        let images = smallImages(count: 5, height: 2, width: 2, classes: 3)
        let imageFile = idxBytes([5, 2, 2], images.pixels), labelFile = idxBytes([5], images.labels)
        var rng = SplitMix(state: 7)
        for iteration in 0..<300 {
            let imagePath = dir + "/images", labelPath = dir + "/labels"
            try writeFile(iteration % 2 == 0 ? mutate(imageFile, &rng) : imageFile, to: imagePath)
            try writeFile(iteration % 2 == 1 ? mutate(labelFile, &rng) : labelFile, to: labelPath)
            do {
                let set = try ImageSet.loadIDX(images: imagePath, labels: labelPath, classCount: iteration % 3 == 0 ? 3 : nil)
                XCTAssertEqual(set.labels.count, set.count)
                XCTAssertTrue(set.labels.allSatisfy { $0 < set.classCount })
            } catch {
                XCTAssertTrue(error.path == imagePath || error.path == labelPath, "\(error)")
            }
        }
    }
}
