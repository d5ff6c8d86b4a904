import Engine
import Foundation
import Sweep

/// The fuzz target (libFuzzer calls it once per input) for the sweep spec parser (`SweepSpec.parse`, YAML through Yams): any text
/// must give an expanded sweep or an error naming the file, and so must planning its first jobs (the engine's
/// check that each network fits its data). Expanded jobs must have stable ids and encode as JSON (what rank 0
/// sends to workers).
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    do {
        let spec = try SweepSpec.parse(yaml: text, file: "fuzz.yaml")
        for job in spec.jobs.prefix(8) {
            _ = try spec.plan(job).estimatedFlops
            let encoded = try JSONCoding.encoder().encode(job)
            let decoded = try JSONCoding.decoder().decode(JobSpec.self, from: encoded)
            precondition(decoded.id == job.id, "job \(job.id) changed its id in a JSON round trip (\(decoded.id))")
        }
        _ = ResolvedSweep(spec: spec).yaml
    } catch let error as SpecError {
        precondition(error.file == "fuzz.yaml" && error.description.contains("fuzz.yaml"), "error does not name the file: \(error)")
    } catch {
        preconditionFailure("unexpected error type: \(error)")
    }
    return 0
}
