import Datasets
import Foundation
import FuzzSupport

/// The fuzz target (libFuzzer calls it once per input) for the IDX reader: the input is parsed as IDX bytes, then read back from a
/// file (plain and named `.gz`, so gzip streams go through zlib). Any input must give a file or an
/// error naming the file; a trap, or an error without the path, is a finding.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    check { () throws(DatasetError) in try IDXFile.parse(bytes, path: "fuzz-input.idx") }
    let path = FuzzFiles.write(bytes, name: "idx")
    check { () throws(DatasetError) in try IDXFile.read(path: path) }
    let gzPath = FuzzFiles.write(bytes, name: "idx.gz")
    check { () throws(DatasetError) in try IDXFile.read(path: gzPath) }
    return 0
}

/// Runs one read; a parsed file must be self-consistent and an error must name its file.
private func check(_ body: () throws(DatasetError) -> IDXFile) {
    do {
        let file = try body()
        precondition(file.bytes.count == file.dimensions.reduce(1, *), "IDX payload size does not match its dimensions")
    } catch {
        precondition(!error.path.isEmpty && error.description.hasPrefix(error.path), "error does not name the file: \(error)")
    }
}
