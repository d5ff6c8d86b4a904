import Foundation
import Linalg
import Network
import Sweep

/// `seplaw bench --threaded --threads N`: each convolutional job's training at one thread and at N threads in the
/// same run (its own data, network and seed; no measurement), with the loss of both so equal work is visible. The
/// N-thread run also gives OpenBLAS N threads (dense layers), and is set against the sgemm rate at N threads.
enum ThreadedTrainingBench {
    static func run(entries: [Bench.Entry], sweeps: [SweepSpec], threads: Int, blasThreads: Int, ceiling: Double) throws {
        BLASRuntime.setThreads(threads)
        let ceilingN = GemmRate.measure(m: 1024, n: 1024, k: 1024, seconds: 1)
        BLASRuntime.setThreads(blasThreads)
        print("\ntraining on 1 and \(threads) threads (convolutions, 2-D BatchNorm and max pooling split across the team, "
              + "OpenBLAS on as many); sgemm 1024³ on \(threads) threads: \(String(format: "%.1f", ceilingN)) GFLOP/s")
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
                let one = time(1)
                BLASRuntime.setThreads(threads)
                let many = time(threads)
                BLASRuntime.setThreads(blasThreads)
                let flops = plan.trainingFlopsPerPoint * Double(data.count) * Double(job.train.epochs * job.train.phases.count)
                rows.append([sweep.name, String(index), job.benchLabel, String(job.train.epochs),
                             String(format: "%.2f", one.seconds), String(format: "%.2f", many.seconds),
                             String(format: "%.2f×", one.seconds / many.seconds),
                             String(format: "%.0f%%", 100 * flops / one.seconds / 1e9 / ceiling),
                             String(format: "%.0f%%", 100 * flops / many.seconds / 1e9 / ceilingN),
                             String(format: "%.4f / %.4f", one.loss, many.loss)])
            }
        }
        print(TextTable(header: ["spec", "job", "network", "epochs", "1 thread s", "\(threads) threads s", "speed-up",
                                 "1 thread of ceiling", "\(threads) threads of ceiling", "final loss 1 / N"], rows: rows).rendered)
    }
}
