import XCTest
@testable import Datasets

/// The IDX readers `Scripts/fuzz.sh` fuzzes with libFuzzer (FuzzIDX, FuzzImageSet), replayed in the
/// unit suite with seeded mutations of valid plain and gzip files: every input gives a file or an error
/// naming the file, never a trap.
final class FuzzIDXTests: XCTestCase {
    func testMutatedIDXAndGzipFilesNeverTrap() throws {
        let dir = try makeTemporaryDirectory(self)
        let images = smallImages(count: 4, height: 3, width: 2, classes: 3)
        let plain = idxBytes([4, 3, 2], images.pixels)
        let seeds = [plain, try gzipCompress(plain), idxBytes([4], images.labels), try gzipCompress(idxBytes([4], images.labels))]
        var mutator = SeededMutator(seed: 42)
        var parsed = 0, rejected = 0
        for iteration in 0..<800 {
            let bytes = mutator.mutate(seeds[iteration % seeds.count])
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
        var mutator = SeededMutator(seed: 7)
        for iteration in 0..<300 {
            let imagePath = dir + "/images", labelPath = dir + "/labels"
            try writeFile(iteration % 2 == 0 ? mutator.mutate(imageFile) : imageFile, to: imagePath)
            try writeFile(iteration % 2 == 1 ? mutator.mutate(labelFile) : labelFile, to: labelPath)
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
