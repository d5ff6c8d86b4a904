import Features
import Foundation
import Linalg
import Sweep

extension FeatureMeasurement {
    /// Runs a measurement job (`JobSpec.features`) as a sweep job: the directory's result as a `JobResult` (its id
    /// and parameters the job's, `seconds.total` the measurement's time), so the sweep's store, summary and report
    /// take it as they take a trained network's.
    public static func run(_ spec: JobSpec, features: FeatureJob, options: RunOptions) -> JobResult {
        let started = Date()
        BLASRuntime.setThreads(options.blasThreads)
        var measured = measure(features.directory, pca: features.pca, blasThreads: options.blasThreads)
        // The id stands for the content planned; a result of other content would be filed under it. (With the digest
        // cache, checking an unchanged file costs a stat.)
        if let planned = features.digest, measured.status == .ok,
           let now = digest(of: features.directory, cacheDirectory: options.datasetCache?.directory)?.digest, now != planned {
            measured = .failure(features.directory, message: "\(features.directory): the features changed after this measurement was "
                                + "planned (content digest \(planned) planned, \(now) now); run again to measure them as they are",
                                blas: measured.blas)
        }
        var result = JobResult(id: spec.id, status: measured.status, message: measured.message, params: spec.params, spec: spec,
                               layers: measured.layers, fit: measured.fit, trainAccuracy: nil, testAccuracy: nil, finalLoss: nil,
                               epochsCompleted: 0, seconds: TimingRecord(measure: measured.seconds, total: measured.seconds),
                               blas: measured.blas)
        result.testFit = measured.testFit
        result.provenance = .current(started: started, finished: Date())
        return result
    }

    /// The content digest of a feature directory and the bytes it covers: FNV-1a 64 over the relative name and
    /// the digest of every file `measure` reads (`*.npy`, `*.npz`, `layers.txt`, and the same in `test/`), in byte
    /// order of the names. File digests are cached like the datasets' (`DataDigest`). Nil when the directory
    /// cannot be listed (the job itself then fails naming it).
    public static func digest(of directory: String, cacheDirectory: String?) -> (digest: String, bytes: Double)? {
        guard let top = measuredFiles(in: directory) else { return nil }
        let test = measuredFiles(in: directory + "/test") ?? []
        var description = "", bytes = 0.0
        for name in top + test.map({ "test/" + $0 }) {
            let path = directory + "/" + name
            // A file that cannot be read is described as such: the job fails on it, naming it.
            let digest = DataDigest.fileDigest(path, cacheDirectory: cacheDirectory) ?? "unreadable"
            description += "\(name) \(digest)\n"
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber {
                bytes += size.doubleValue
            }
        }
        return (FNV1a64.hex(FNV1a64.hash(description)), bytes)
    }

    /// The names in `directory` that `measure` may read, in byte order; nil when it cannot be listed.
    private static func measuredFiles(in directory: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return names.filter { $0.hasSuffix(".npy") || $0.hasSuffix(".npz") || $0 == FeatureDirectory.manifestName }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
