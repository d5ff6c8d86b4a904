import Foundation
import Sweep

/// The fuzz target (libFuzzer calls it once per input) for what a resumed sweep reads back from its `--out` directory. The first
/// byte picks the reader, the rest is the file:
/// - 0: `results.jsonl` parsed by `ResultsFile`;
/// - 1: `sweep.yaml` parsed by `ResolvedSweep.parse`;
/// - 2: a whole `ResultStore` opened on a directory holding those bytes as `results.jsonl` and the
///   fixed spec's `sweep.yaml`, then planned (this is what `seplaw sweep` does on resume).
/// Any input must give a result or an error naming the file; a trap is a finding.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let mode = bytes.first else { return 0 }
    let body = bytes.dropFirst()
    switch mode % 3 {
    case 0:
        let file = ResultsFile(path: "fuzz/results.jsonl", data: Data(body))
        precondition(file.warnings.allSatisfy { $0.hasPrefix("fuzz/results.jsonl") }, "warning does not name the file")
        for entry in file.entries {
            precondition(entry.id == entry.result.id, "entry id differs from its result's id")
        }
        _ = file.latest
    case 1:
        do {
            let sweep = try ResolvedSweep.parse(String(decoding: body, as: UTF8.self), file: "fuzz/sweep.yaml")
            _ = sweep.yaml
            _ = sweep.differences(to: FuzzStoreFixture.resolved)
        } catch {
            precondition(error.path == "fuzz/sweep.yaml", "error does not name the file: \(error)")
        }
    default:
        FuzzStoreFixture.openStore(results: Array(body))
    }
    return 0
}
