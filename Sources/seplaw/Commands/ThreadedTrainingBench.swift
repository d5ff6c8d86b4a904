import Foundation
import Linalg
import Network
import Sweep

/// `seplaw bench --threaded --threads N`: each convolutional job's training at one thread and at N threads in the
/// same run (its own data, network and seed; no measurement), with the loss of both so equal work is visible. Both
/// run OpenBLAS on one thread, as a job with a team does; the N-thread run is set against sgemm on N OpenBLAS threads.
enum ThreadedTrainingBench {
    static func run(entries: [Bench.Entry], sweeps: [SweepSpec], threads: Int, blasThreads: Int) throws {
        print("\ntraining on 1 and \(threads) threads (every layer's products and passes and the optimiser split across the "
              + "job's team, OpenBLAS on one thread as in `seplaw run --threads`). The ceilings are sgemm 1024³ on 1 and on "
              + "\(threads) OpenBLAS threads, measured just before and just after each job (mean of the two): on a shared "
              + "host the cores do not always scale, and sgemm's own speed-up says how far they did.")
        var rows: [[String]] = []
        for (entry, sweep) in zip(entries, sweeps) {
            for index in entry.jobs {
                var job = sweep.jobs[index]
                if let epochs = entry.epochs { job.train.epochs = epochs }
                guard job.model.isConvolutional else { continue }
                let data = try job.datasetRecipe.load().train
                let plan = try job.networkPlan(input: data.shape, classCount: data.classCount)
                let maxBatch = max(job.train.batchSize, job.measure.chunk, 256)
                func time(_ count: Int) -> (seconds: Double, loss: Double) {
                    let classifier = Classifier(plan: plan, maxBatch: maxBatch, seed: job.seed, threads: count)
                    let clock = ContinuousClock(), start = clock.now
                    let outcome = classifier.train(features: data.features, labels: data.labels, config: job.trainingConfig, seed: job.seed)
                    let elapsed = clock.now - start
                    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, outcome.finalLoss)
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
            }
        }
        print(TextTable(header: ["spec", "job", "network", "epochs", "1 thread s", "\(threads) threads s", "speed-up",
                                 "sgemm speed-up", "of sgemm's", "1 thread of ceiling", "\(threads) threads of ceiling",
                                 "final loss 1 / N"], rows: rows).rendered)
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
