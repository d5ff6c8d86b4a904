import ArgumentParser
import Engine
import Foundation
import Linalg
import MPIRunner
import Sweep

/// `seplaw measure DIR…`: D of every layer, the law fit, NC1 and nearest-centre accuracy on features exported
/// from another framework (or by `seplaw run --dump-features`).
struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure exported features: one directory per model (labels.npy, one .npy per layer, optional test/).",
        discussion: """
            A directory holds labels.npy (integer labels, shape (n,)), one .npy per layer (float16/32/64, shape (n, …), \
            C order), optionally layers.txt (the layer files in order; else name order) and test/ (the same layout). \
            Layers are streamed from disk in blocks of rows. With --out RESULTDIR the directories run as a sweep (also under \
            mpirun): results.jsonl (one line per directory, its id from the features' content and --pca), failed.txt, \
            logs/, the summary files and report.html; running the same command again measures only what is missing. \
            Exit status with --out: 0 when every directory was measured, 1 when some failed (see RESULTDIR/failed.txt), \
            2 when RESULTDIR could not be used, 130 when interrupted.
            """)

    @Argument(help: "Feature directories, one per model.")
    var directories: [String]

    @Option(help: "Reduce layers wider than this to their top principal components before D (reads such a layer into memory).")
    var pca: Int?

    @Option(help: "Write the result as JSON to this file (one directory, without --out).")
    var json: String?

    @Option(help: ArgumentHelp("Result directory: results.jsonl (one line per feature directory, resumable), failed.txt, logs/, "
                               + "the summary files and report.html; each directory is measured in a child process, "
                               + "shared across ranks under mpirun.", valueName: "RESULTDIR"),
            completion: .directory)
    var out: String?

    @Option(help: "With --out: directories measured at once on each rank.")
    var slots: Int = 1

    @Option(help: "With --out: stop a directory's measurement after this many seconds and record it as `timeout`.")
    var jobTimeout: Double?

    @Flag(help: "With --out: measure the directories whose result in RESULTDIR is a failure again.")
    var retryFailed = false

    @Flag(help: ArgumentHelp("With --out: switch a result directory holding other directories (or changed features) to these "
                             + "(results of features in both are kept; the others move to superseded.jsonl)."))
    var force = false

    @Option(help: "OpenBLAS threads for this process (with --out: for each directory's process).")
    var blasThreads: Int = 1

    func validate() throws {
        guard blasThreads >= 1 else { throw ValidationError("--blas-threads must be at least 1") }
        if let pca, pca < 1 { throw ValidationError("--pca must be at least 1") }
        guard slots >= 1 else { throw ValidationError("--slots must be at least 1") }
        if let jobTimeout, !(jobTimeout > 0) { throw ValidationError("--job-timeout must be a positive number of seconds") }
        if json != nil, directories.count != 1 || out != nil {
            throw ValidationError("--json takes one directory without --out; use --out RESULTDIR for several")
        }
        if out == nil, MPIWorld.isLaunchedByMPI {
            throw ValidationError("under mpirun, give --out RESULTDIR: the ranks share the directories and rank 0 writes them there")
        }
        if let out {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue {
                throw ValidationError("--out takes a result directory (results.jsonl, summary and report are written in it); "
                                      + "\(out) is a file")
            }
            if !exists, out.hasSuffix(".jsonl") {
                throw ValidationError("--out takes a result directory now (its results.jsonl holds one line per feature "
                                      + "directory), not a JSON-lines file: \(out)")
            }
        }
    }

    func run() throws {
        if let out {
            try measureIntoResultDirectory(out)
            return
        }
        BLASRuntime.setThreads(blasThreads)
        var failed = 0
        for directory in directories {
            let result = FeatureMeasurement.measure(directory, pca: pca, blasThreads: blasThreads)
            print("\(directory):")
            print(ResultPrinter.describe(result))
            if result.status != .ok { failed += 1 }
            if let json {
                let data = try JSONCoding.encoder(pretty: true).encode(result)
                do {
                    try FileIO.writeAtomically(data, to: json)
                } catch {
                    StandardError.write("error: --json: \(error)\n")
                    throw ExitCode(2)
                }
                print("wrote \(json)")
            }
        }
        if failed > 0 {
            StandardError.write("\(failed) of \(directories.count) directories could not be measured\n")
            throw ExitCode(2)
        }
    }
}
