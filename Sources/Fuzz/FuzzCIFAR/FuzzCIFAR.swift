import Datasets
import Foundation
import FuzzSupport

/// The fuzz target (libFuzzer calls it once per input) for the CIFAR-10 binary reader: the input is
/// parsed as a batch, read back from a file, and read as the test batch of a directory. Any input must
/// give a consistent 3×32×32 image set (which then survives channel selection, resizing and
/// normalisation) or an error naming the file; a trap, or an error without the path, is a finding.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    check(path: "fuzz-input.bin") { () throws(DatasetError) in try CIFAR10.parseBatch(bytes, path: "fuzz-input.bin") }
    let path = FuzzFiles.write(bytes, name: CIFAR10.testFile)
    check(path: path) { () throws(DatasetError) in try CIFAR10.readBatch(path: path) }
    check(path: path) { () throws(DatasetError) in try CIFAR10.testSet(directory: FuzzFiles.directory) }
    return 0
}

/// Runs one read; an image set must be self-consistent and an error must name `path`.
private func check(path: String, _ body: () throws(DatasetError) -> ImageSet) {
    do {
        let set = try body()
        precondition(set.channels == 3 && set.height == 32 && set.width == 32, "not 3×32×32")
        precondition(set.pixels.count == set.count * 3072 && set.labels.count == set.count, "inconsistent image set")
        precondition(set.labels.allSatisfy { $0 >= 0 && $0 < 10 }, "label outside 0…9")
        guard set.count > 0 else { return }
        let some = set.subset([0, set.count - 1])
        let green = some.keepingChannels([CIFAR10.green]).resized(to: 10)
        precondition(green.channels == 1 && green.pixels.count == 200, "green channel at 10×10 has the wrong size")
        let data = try some.resized(to: 10).normalized(mean: CIFAR10.channelMeans, std: CIFAR10.channelStds)
        precondition(data.shape.count == data.dimension && data.features.storage.allSatisfy(\.isFinite), "bad features")
    } catch {
        precondition(error.path == path && error.description.hasPrefix(path), "error does not name the file: \(error)")
    }
}
