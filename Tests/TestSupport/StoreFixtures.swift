import Foundation
import Separation
import Sweep
import XCTest

/// Results, specs and directories for the store and reducer unit tests.
public enum StoreFixtures {
    /// A tiny spec text: depths × seeds on the Gaussian mixture.
    public static func specText(name: String = "unit", lr: String = "0.05", depths: [Int] = [1, 2], seeds: [Int] = [0, 1]) -> String {
        """
        name: \(name)
        dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
        model: {width: 16}
        train: {lr: \(lr), epochs: 3}
        grid: {model.depth: [\(depths.map(String.init).joined(separator: ", "))]}
        seeds: [\(seeds.map(String.init).joined(separator: ", "))]
        """
    }

    public static func spec(name: String = "unit", lr: String = "0.05", depths: [Int] = [1, 2], seeds: [Int] = [0, 1]) throws -> SweepSpec {
        try SweepSpec.parse(yaml: specText(name: name, lr: lr, depths: depths, seeds: seeds), file: "\(name).yaml")
    }

    /// An `ok` result for `job` whose D values decay by `rho` per layer from 10.
    public static func okResult(_ job: JobSpec, rho: Double = 0.5, accuracy: Double = 0.8) throws -> JobResult {
        let count = job.model.depth + 2
        let ds = (0..<count).map { 10 * pow(rho, Double($0)) * (1 + 0.01 * Double(job.seed) * Double($0 % 2)) }
        let layers = ds.enumerated().map { LayerRecord(index: $0.offset, name: "layer\($0.offset)", dim: 16, D: $0.element) }
        return JobResult(id: job.id, status: .ok, message: nil, params: job.params, spec: job, layers: layers,
                         fit: try LawFit(fuzziness: ds), trainAccuracy: accuracy, testAccuracy: accuracy - 0.1,
                         finalLoss: 0.3, epochsCompleted: job.train.epochs, seconds: TimingRecord(total: 1.5),
                         blas: BLASRecord(threads: 1, core: "Test"))
    }

    public static func failedResult(_ job: JobSpec, _ status: JobStatus = .crashed, message: String = "died on SIGILL") -> JobResult {
        JobResult.failure(job, status: status, message: message, blas: BLASRecord(threads: 1, core: "Test"))
    }

    public static func temporaryDirectory(_ label: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("seplaw-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    public static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}
