import Foundation
@testable import Datasets

/// A deterministic pixel of generated CIFAR-10 records: differs by record, channel, row and column
/// (and by `batch`, so batches are distinguishable).
func cifarPixel(batch: Int, record: Int, channel: Int, row: Int, column: Int) -> UInt8 {
    UInt8(truncatingIfNeeded: batch &* 53 &+ record &* 31 &+ channel &* 101 &+ row &* 7 &+ column &* 3 &+ row &* column)
}

/// The bytes of a CIFAR-10 binary batch holding one record per label, pixels from `cifarPixel`.
func cifarBatch(batch: Int, labels: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(labels.count * CIFAR10.recordSize)
    for (record, label) in labels.enumerated() {
        bytes.append(label)
        for channel in 0..<3 {
            for row in 0..<32 {
                for column in 0..<32 {
                    bytes.append(cifarPixel(batch: batch, record: record, channel: channel, row: row, column: column))
                }
            }
        }
    }
    return bytes
}

/// Labels of record `i` of generated batch `batch`: every class appears, in a batch-dependent order.
func cifarLabels(batch: Int, count: Int) -> [UInt8] {
    (0..<count).map { UInt8(($0 * 3 + batch) % 10) }
}

/// Writes the six files of a small CIFAR-10 directory (`perBatch` records per training batch,
/// `testCount` test records) into `directory`.
func writeCIFARDirectory(_ directory: String, perBatch: Int = 20, testCount: Int = 30) throws {
    for (index, name) in CIFAR10.trainFiles.enumerated() {
        try writeFile(cifarBatch(batch: index + 1, labels: cifarLabels(batch: index + 1, count: perBatch)),
                      to: directory + "/" + name)
    }
    try writeFile(cifarBatch(batch: 0, labels: cifarLabels(batch: 0, count: testCount)), to: directory + "/" + CIFAR10.testFile)
}
