import Datasets
import Foundation
import FuzzSupport

/// The fuzz target (libFuzzer calls it once per input) for `ImageSet.loadIDX`: the input is split into an image file and a label
/// file (its first two bytes, big-endian, give the image file's length; the third byte, when below
/// 200, is the class count to require). Any pair must give an image set or an error naming a file.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard bytes.count >= 3 else { return 0 }
    let split = min(Int(bytes[0]) << 8 | Int(bytes[1]), bytes.count - 3)
    let classCount: Int? = bytes[2] < 200 ? Int(bytes[2]) : nil
    let images = FuzzFiles.write(bytes[3..<(3 + split)], name: "images-idx3-ubyte")
    let labels = FuzzFiles.write(bytes[(3 + split)...], name: "labels-idx1-ubyte")
    do {
        let set = try ImageSet.loadIDX(images: images, labels: labels, classCount: classCount)
        precondition(set.pixels.count == set.count * set.imageSize && set.labels.count == set.count, "inconsistent image set")
        precondition(set.labels.allSatisfy { $0 >= 0 && $0 < set.classCount }, "label outside the class count")
        if set.count > 0 { _ = set.subset([0, set.count - 1]) }
        _ = set.classSizes
    } catch {
        precondition(error.path == images || error.path == labels, "error does not name a file: \(error)")
    }
    return 0
}
