import Foundation
import Linalg
import Network
import Sweep

/// `seplaw bench --threaded --threads N`: each convolutional job's training at one thread and at N threads in the
/// same run (its own data, network and seed; no measurement), with the loss of both so equal work is visible. Both
/// run OpenBLAS on one thread, as a job with a team does; the N-thread run is set against sgemm on N OpenBLAS threads.
enum ThreadedTrainingBench {
    static func run(entries: [Bench.Entry], sweeps: [SweepSpec], threads: Int, blasThreads: Int, layers: Bool) throws {
        print("\ntraining on 1 and \(threads) threads (every layer's products and passes and the optimiser split across the "
              + "job's team, OpenBLAS on one thread as in `seplaw run --threads`). The ceilings are sgemm 1024³ on 1 and on "
              + "\(threads) OpenBLAS threads, measured just before and just after each job (mean of the two): on a shared "
              + "host the cores do not always scale, and sgemm's own speed-up says how far they did.")
        var rows: [[String]] = []
        var layerTables: [String] = []
        for (entry, sweep) in zip(entries, sweeps) {
            for index in entry.jobs {
                var job = sweep.jobs[index]
                if let epochs = entry.epochs { job.train.epochs = epochs }
                guard job.model.isConvolutional else { continue }
                let data = try job.datasetRecipe.load().train
                let plan = try job.networkPlan(input: data.shape, classCount: data.classCount)
                let maxBatch = max(job.train.batchSize, job.measure.chunk, 256)
                func time(_ count: Int) -> (seconds: Double, loss: Double, layers: [LayerClock.Entry]) {
                    let classifier = Classifier(plan: plan, maxBatch: maxBatch, seed: job.seed, threads: count)
                    let layerClock = layers ? LayerClock() : nil
                    classifier.clock = layerClock
                    let clock = ContinuousClock(), start = clock.now
                    let outcome = classifier.train(features: data.features, labels: data.labels, config: job.trainingConfig, seed: job.seed)
                    let elapsed = clock.now - start
                    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, outcome.finalLoss,
                            layerClock?.entries ?? [])
                }
                let before = ceilings(threads: threads)
                BLASRuntime.setThreads(1)
                let one = time(1)
                let many = time(threads)
                let after = ceilings(threads: threads)
                BLASRuntime.setThreads(blasThreads)
                let ceiling1 = (before.one + after.one) / 2, ceilingN = (before.many + after.many) / 2
                let flops = plan.trainingFlopsPerPoint * Double(data.count) * Double(job.train.epochs * job.train.phases.count)
                let speedUp = one.seconds / many.seconds, sgemmSpeedUp = ceilingN / ceiling1
                rows.append([sweep.name, String(index), job.benchLabel, String(job.train.epochs),
                             String(format: "%.2f", one.seconds), String(format: "%.2f", many.seconds),
                             String(format: "%.2f×", speedUp), String(format: "%.2f×", sgemmSpeedUp),
                             String(format: "%.0f%%", 100 * speedUp / sgemmSpeedUp),
                             String(format: "%.0f%%", 100 * flops / one.seconds / 1e9 / ceiling1),
                             String(format: "%.0f%%", 100 * flops / many.seconds / 1e9 / ceilingN),
                             String(format: "%.4f / %.4f", one.loss, many.loss)])
                if layers {
                    layerTables.append("\n\(sweep.name) job \(index) (\(job.benchLabel)), per layer:\n"
                                       + layerTable(one: one.layers, many: many.layers, threads: threads))
                }
            }
        }
        print(TextTable(header: ["spec", "job", "network", "epochs", "1 thread s", "\(threads) threads s", "speed-up",
                                 "sgemm speed-up", "of sgemm's", "1 thread of ceiling", "\(threads) threads of ceiling",
                                 "final loss 1 / N"], rows: rows).rendered)
        layerTables.forEach { print($0) }
    }

    /// Each layer pass's seconds on one thread and on `threads`, the largest first (the 20 largest, then the total).
    private static func layerTable(one: [LayerClock.Entry], many: [LayerClock.Entry], threads: Int) -> String {
        let manySeconds = Dictionary(many.map { ($0.label, $0.seconds) }, uniquingKeysWith: +)
        let sorted = one.sorted { $0.seconds > $1.seconds }
        var rows = sorted.prefix(20).map { entry -> [String] in
            let other = manySeconds[entry.label] ?? .nan
            return [String(format: "%.3f", entry.seconds), String(format: "%.3f", other),
                    String(format: "%.2f×", entry.seconds / other), entry.label]
        }
        let total1 = one.reduce(0) { $0 + $1.seconds }, totalN = many.reduce(0) { $0 + $1.seconds }
        rows.append([String(format: "%.3f", total1), String(format: "%.3f", totalN), String(format: "%.2f×", total1 / totalN),
                     "all \(one.count) passes (f forward, b backward, node index)"])
        return TextTable(header: ["1 thread s", "\(threads) threads s", "speed-up", "pass"], rows: rows).rendered
    }

    /// sgemm 1024³ in GFLOP/s on one OpenBLAS thread and on `threads` (half a second each).
    private static func ceilings(threads: Int) -> (one: Double, many: Double) {
        BLASRuntime.setThreads(1)
        let one = GemmRate.measure(m: 1024, n: 1024, k: 1024, seconds: 0.5)
        BLASRuntime.setThreads(threads)
        let many = GemmRate.measure(m: 1024, n: 1024, k: 1024, seconds: 0.5)
        return (one, many)
    }
}
