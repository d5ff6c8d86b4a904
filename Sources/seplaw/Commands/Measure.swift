import ArgumentParser
import Engine
import Foundation
import Linalg
import Sweep

/// `seplaw measure DIR…`: D of every layer, the law fit, NC1 and nearest-centre accuracy on features exported
/// from another framework (or by `seplaw run --dump-features`).
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure exported features: one directory per model (labels.npy, one .npy per layer, optional test/).",
        discussion: """
            A directory holds labels.npy (integer labels, shape (n,)), one .npy per layer (float16/32/64, shape (n, …), \
            C order), optionally layers.txt (the layer files in order; else name order) and test/ (the same layout). \
            Layers are streamed from disk in blocks of rows.
            """)

    @Argument(help: "Feature directories, one per model.")
    var directories: [String]

    @Option(help: "Reduce layers wider than this to their top principal components before D (reads such a layer into memory).")
    var pca: Int?

    @Option(help: "Write the result as JSON to this file (one directory only).")
    var json: String?

    @Option(help: "Append one result per directory as a JSON line to this file.")
    var out: String?

    @Option(help: "OpenBLAS threads for this process.")
    var blasThreads: Int = 1

    func validate() throws {
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1") }
        if let pca, pca < 1 { throw ValidationError("--pca must be at least 1") }
        if json != nil, directories.count != 1 { throw ValidationError("--json takes one directory; use --out for several") }
    }

    func run() throws {
        BLASRuntime.setThreads(blasThreads)
        var failed = 0
        for directory in directories {
            let result = FeatureMeasurement.measure(directory, pca: pca, blasThreads: blasThreads)
            print("\(directory):")
            print(ResultPrinter.describe(result))
            if result.status != .ok { failed += 1 }
            let data = try JSONCoding.encoder(pretty: json != nil).encode(result)
            if let json {
                do {
                    try FileIO.writeAtomically(data, to: json)
                } catch {
                    StandardError.write("error: --json: \(error)\n")
                    throw ExitCode(2)
                }
                print("wrote \(json)")
            }
            if let out { try append(data, to: out) }
        }
        if failed > 0 {
            StandardError.write("\(failed) of \(directories.count) directories could not be measured\n")
            throw ExitCode(2)
        }
    }

    private func append(_ line: Data, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw CleanExit.message("cannot create \(path)") }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CleanExit.message("cannot open \(path)") }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line + Data("\n".utf8))
        try handle.synchronize()
    }
}
