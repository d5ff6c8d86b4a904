import Foundation
import Linalg
import Network
import Sweep

/// `seplaw bench --threaded --threads N`: each convolutional job's training at one thread and at N threads in the
/// same run (its own data, network and seed; no measurement), with the loss of both so equal work is visible. Both
/// run OpenBLAS on one thread, as a job with a team does; the N-thread run is set against sgemm on N OpenBLAS threads.
enum ThreadedTrainingBench {
    static func run(entries: [Bench.Entry], sweeps: [SweepSpec], threads: Int, blasThreads: Int, layers: Bool,
                    rounds: Int = 1) throws {
        print("\ntraining on 1 and \(threads) threads (every layer's products and passes and the optimiser split across the "
              + "job's team, OpenBLAS on one thread as in `seplaw run --threads`). The ceilings are sgemm 1024³ on 1 and on "
              + "\(threads) OpenBLAS threads, measured just before and just after each round (mean of the two): on a shared "
              + "host the cores do not always scale, and sgemm's own speed-up says how far they did. The cores' speed-up is that of "
              + "fused multiply-adds on registers only (no memory traffic) on 1 and \(threads) threads, the memory's that of a "
              + "streaming pass over 48 MB split across them, both measured the same way."
              + (rounds > 1 ? " \(rounds) rounds per job, alternating which thread count runs first; times and ratios are "
                 + "the medians of the rounds (speed-ups: of each round's own ratio)." : ""))
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
                let clocks = layers ? (one: LayerClock(), many: LayerClock()) : nil
                func time(_ count: Int, clock: LayerClock?) -> (seconds: Double, loss: Double) {
                    let classifier = Classifier(plan: plan, maxBatch: maxBatch, seed: job.seed, threads: count)
                    classifier.clock = clock
                    let start = ContinuousClock.now
                    let outcome = classifier.train(features: data.features, labels: data.labels, config: job.trainingConfig, seed: job.seed)
                    return ((ContinuousClock.now - start).inSeconds, outcome.finalLoss)
                }
                var measured: [Round] = []
                for round in 0..<max(rounds, 1) {
                    let before = Ceilings(threads: threads)
                    BLASRuntime.setThreads(1)
                    let oneFirst = round % 2 == 0
                    let first = time(oneFirst ? 1 : threads, clock: oneFirst ? clocks?.one : clocks?.many)
                    let second = time(oneFirst ? threads : 1, clock: oneFirst ? clocks?.many : clocks?.one)
                    let after = Ceilings(threads: threads)
                    let (one, many) = oneFirst ? (first, second) : (second, first)
                    measured.append(Round(one: one.seconds, many: many.seconds, lossOne: one.loss, lossMany: many.loss,
                                          ceilings: before.mean(with: after)))
                }
                BLASRuntime.setThreads(blasThreads)
                let flops = plan.trainingFlopsPerPoint * Double(data.count) * Double(job.train.epochs * job.train.phases.count)
                let speedUp = median(measured.map { $0.one / $0.many })
                let sgemmSpeedUp = median(measured.map(\.ceilings.sgemm.speedUp))
                var row = [sweep.name, String(index), job.benchLabel, String(job.train.epochs),
                           String(format: "%.2f", median(measured.map(\.one))), String(format: "%.2f", median(measured.map(\.many))),
                           String(format: "%.2f×", speedUp)]
                if rounds > 1 { row.append(measured.map { String(format: "%.2f", $0.one / $0.many) }.joined(separator: " ")) }
                row += [String(format: "%.2f×", sgemmSpeedUp),
                        String(format: "%.2f×", median(measured.map(\.ceilings.cores.speedUp))),
                        String(format: "%.2f×", median(measured.map(\.ceilings.memory.speedUp))),
                        String(format: "%.0f%%", 100 * median(measured.map { ($0.one / $0.many) / $0.ceilings.sgemm.speedUp })),
                        String(format: "%.0f%%", 100 * median(measured.map { flops / $0.one / 1e9 / $0.ceilings.sgemm.one })),
                        String(format: "%.0f%%", 100 * median(measured.map { flops / $0.many / 1e9 / $0.ceilings.sgemm.many })),
                        String(format: "%.4f / %.4f", measured[0].lossOne, measured[0].lossMany)]
                rows.append(row)
                if let clocks {
                    layerTables.append("\n\(sweep.name) job \(index) (\(job.benchLabel)), per layer"
                                       + (rounds > 1 ? " (summed over \(rounds) rounds)" : "") + ":\n"
                                       + layerTable(one: clocks.one.entries, many: clocks.many.entries, threads: threads))
                }
            }
        }
        var header = ["spec", "job", "network", "epochs", "1 thread s", "\(threads) threads s", "speed-up"]
        if rounds > 1 { header.append("each round") }
        header += ["sgemm speed-up", "cores' speed-up", "memory's speed-up", "of sgemm's", "1 thread of ceiling", "\(threads) threads of ceiling", "final loss 1 / N"]
        print(TextTable(header: header, rows: rows).rendered)
        layerTables.forEach { print($0) }
    }

    /// One round of a job: training seconds and final loss at one thread and at N, and the ceilings around them.
    private struct Round {
        let one: Double, many: Double
        let lossOne: Double, lossMany: Double
        let ceilings: Ceilings
    }

    /// A rate on one thread and on N.
    private struct RatePair {
        let one: Double, many: Double
        var speedUp: Double { many / one }
        func mean(with other: RatePair) -> RatePair { RatePair(one: (one + other.one) / 2, many: (many + other.many) / 2) }
    }

    /// What the cores give at one moment, each on one thread and on N (half a second each): sgemm 1024³ on OpenBLAS
    /// threads (GFLOP/s), the register-only loop (``CoreRate``, GFLOP/s) and the 48 MB stream (``StreamRate``, GB/s).
    private struct Ceilings {
        let sgemm: RatePair, cores: RatePair, memory: RatePair

        init(sgemm: RatePair, cores: RatePair, memory: RatePair) {
            self.sgemm = sgemm
            self.cores = cores
            self.memory = memory
        }

        init(threads: Int) {
            BLASRuntime.setThreads(1)
            let one = GemmRate.measure(m: 1024, n: 1024, k: 1024, seconds: 0.5)
            BLASRuntime.setThreads(threads)
            let many = GemmRate.measure(m: 1024, n: 1024, k: 1024, seconds: 0.5)
            self.init(sgemm: RatePair(one: one, many: many),
                      cores: RatePair(one: CoreRate.measure(threads: 1), many: CoreRate.measure(threads: threads)),
                      memory: RatePair(one: StreamRate.measure(threads: 1), many: StreamRate.measure(threads: threads)))
        }

        /// Each rate the mean of this reading and `other` (taken before and after a round).
        func mean(with other: Ceilings) -> Ceilings {
            Ceilings(sgemm: sgemm.mean(with: other.sgemm), cores: cores.mean(with: other.cores),
                     memory: memory.mean(with: other.memory))
        }
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
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
}
