import ArgumentParser
import Engine
import Foundation
import Linalg
import Network
import Sweep

/// `seplaw bench`: training and measurement speed of real jobs against the machine's GEMM ceiling, in one run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time real jobs and compare them with the OpenBLAS sgemm rate measured in the same run.")

    @Option(help: "The sweep spec whose jobs are timed.")
    var spec = "Configs/paper-figure1.yaml"

    @Option(help: "Comma-separated job indices (default: the plain-SGD jobs, m = 2, 6, 18).")
    var jobs = "0,1,2"

    @Option(help: "Override the number of epochs (default: the spec's).")
    var epochs: Int?

    @Option(help: "OpenBLAS threads.")
    var blasThreads: Int = 1

    @Flag(help: "The whole training benchmark in one run: Figure-1 SGD jobs m = 2, 6, 18 (600 epochs), the width-1000 GFNN (20 epochs), one job of each convolutional architecture of Configs/conv-collection-reference.yaml (2 epochs) and the paper's 8-channel ResNets (basic, bottleneck, mixed: 3 epochs); --spec, --jobs and --epochs are ignored.")
    var suite = false

    @Flag(help: "With --suite, also the paper's full-width VGG13 and AlexNet (Fashion-MNIST 32×32, 1000 images, one epoch: about a minute each per thread count on one core).")
    var fullWidth = false

    @Flag(help: "Time every convolution shape of the collection (width ×0.125 and full width) under im2col + GEMM and under the direct kernels, at --threads threads.")
    var convolutions = false

    @Option(help: "Threads per job for --convolutions and --threaded (one job's layers split their work across them).")
    var threads: Int = 1

    @Flag(help: "Also time the jobs' training on --threads threads against one thread in the same run (ResNets, VGG13, AlexNet).")
    var threaded = false

    @Option(help: "With --threaded, rounds per job: each times one thread and --threads threads, alternating which runs first; the table gives the medians.")
    var rounds: Int = 1

    @Flag(help: "With --threaded, also time every layer's forward and backward passes and the optimiser's steps at 1 and --threads threads (a clock around each).")
    var layers = false

    @Flag(help: "Also time the separation measure against the naive p×p formula, and PCA to 100 dimensions.")
    var separation = false

    @Option(help: "Feature dimensions p for --separation.")
    var dimensions = "100,1000,4096,16384,65536"

    @Option(help: "Largest p at which --separation also runs the naive O(p³) formula (default: wherever its p×p matrices fit in the available memory).")
    var naiveLimit: Int?

    /// One spec's jobs to time, at the spec's epochs or `epochs`.
    struct Entry {
        var spec: String
        var jobs: [Int]
        var epochs: Int?
    }

    /// What `--suite` times; `fullWidth` adds the paper's full-width VGG13 and AlexNet (Fashion-MNIST, as the paper specs).
    static func suiteEntries(fullWidth: Bool) -> [Entry] {
        var entries = [
            Entry(spec: "Configs/paper-figure1.yaml", jobs: [0, 1, 2], epochs: nil),
            Entry(spec: "Configs/bench-width1000.yaml", jobs: [0], epochs: 20),
            Entry(spec: "Configs/conv-collection-reference.yaml", jobs: Array(0...7), epochs: 2),
            Entry(spec: "Configs/paper-resnet-basic.yaml", jobs: [0], epochs: 3),
            Entry(spec: "Configs/paper-resnet-bottleneck.yaml", jobs: [0], epochs: 3),
            Entry(spec: "Configs/paper-resnet-mixed.yaml", jobs: [0], epochs: 3),
        ]
        if fullWidth {
            entries += [Entry(spec: "Configs/bench-vgg13-full.yaml", jobs: [0], epochs: 1),
                        Entry(spec: "Configs/bench-alexnet-full.yaml", jobs: [0], epochs: 1)]
        }
        return entries
    }

    func validate() throws {
        guard !layers || threaded else { throw ValidationError("--layers times the passes of --threaded: give both") }
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1 (got \(rounds))") }
        guard rounds == 1 || threaded else { throw ValidationError("--rounds repeats the timings of --threaded: give both") }
    }

    func run() throws {
        let indices = jobs.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let entries = suite ? Self.suiteEntries(fullWidth: fullWidth) : [Entry(spec: spec, jobs: indices, epochs: epochs)]
        let sweeps = try entries.map { entry in
            let sweep = try loadSpec(entry.spec)
            guard !entry.jobs.isEmpty, entry.jobs.allSatisfy(sweep.jobs.indices.contains) else {
                throw ValidationError("--jobs must list indices in 0…\(sweep.jobs.count - 1) of \(entry.spec)")
            }
            return sweep
        }
        BLASRuntime.setThreads(blasThreads)
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, OpenBLAS core \(BLASRuntime.coreName), \(blasThreads) BLAS thread\(blasThreads == 1 ? "" : "s")")
        let ceiling = GemmRate.measure(m: 1024, n: 1024, k: 1024, seconds: 1)
        print("sgemm 1024³: \(String(format: "%.1f", ceiling)) GFLOP/s (ceiling); training's small products: \(SmallGemm.kernelName); "
              + "convolutions: \(ConvolutionKernel.name)")
        // The three products of a 100-wide layer at batch 128, in OpenBLAS and in what training runs them on
        // (the small-matrix kernel where the CPU has AVX2/FMA).
        let layerProducts: [(name: String, ta: Transpose, tb: Transpose, m: Int, n: Int, k: Int)] = [
            ("forward x·Wᵀ", .none, .transpose, 128, 100, 100),
            ("input gradient dy·W", .none, .none, 128, 100, 100),
            ("weight gradient dyᵀ·x", .transpose, .none, 100, 100, 128),
        ]
        for product in layerProducts {
            let (ta, tb) = (product.ta, product.tb)
            let lda = ta == .none ? product.k : product.m, ldb = tb == .none ? product.n : product.k
            let viaBLAS = GemmRate.measure(m: product.m, n: product.n, k: product.k, seconds: 0.3) { m, n, k, a, b, c in
                BLAS.gemm(ta, tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: n)
            }
            let viaTraining = GemmRate.measure(m: product.m, n: product.n, k: product.k, seconds: 0.3) { m, n, k, a, b, c in
                Float.gemm(ta, tb, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: n)
            }
            print("  \(product.name) \(product.m)×\(product.n)×\(product.k): OpenBLAS \(String(format: "%.1f", viaBLAS)), "
                  + "training \(String(format: "%.1f", viaTraining)) GFLOP/s")
        }
        var rows: [[String]] = []
        for (entry, sweep) in zip(entries, sweeps) {
            for index in entry.jobs {
                var job = sweep.jobs[index]
                if let epochs = entry.epochs { job.train.epochs = epochs }
                let result = JobRunner.run(job, options: RunOptions(blasThreads: blasThreads))
                guard result.status == .ok else {
                    print("\(sweep.name) job \(index): \(result.status.rawValue): \(result.message ?? "")")
                    continue
                }
                let plan = try sweep.plan(job)
                let flops = plan.network.trainingFlopsPerPoint * Double(plan.trainingCount)
                    * Double(job.train.epochs * job.train.phases.count)
                let rate = flops / result.seconds.train / 1e9
                let share = result.seconds.measure / result.seconds.total
                rows.append([sweep.name, String(index), job.benchLabel, String(job.train.epochs),
                             String(format: "%.2f", result.seconds.train), String(format: "%.3f", result.seconds.measure),
                             String(format: "%.2f%%", 100 * share), String(format: "%.1f", rate),
                             String(format: "%.0f%%", 100 * rate / ceiling), String(format: "%.4f", result.fit?.pearsonR ?? .nan)])
            }
        }
        print(TextTable(header: ["spec", "job", "network", "epochs", "train s", "measure s", "measure share", "GFLOP/s", "of ceiling", "pearson r"],
                        rows: rows).rendered)
        if convolutions { ConvolutionBenchTable.run(ceiling: ceiling, threads: threads) }
        if threaded {
            try ThreadedTrainingBench.run(entries: entries, sweeps: sweeps, threads: threads, blasThreads: blasThreads,
                                          layers: layers, rounds: rounds)
        }
        if separation {
            let ps = dimensions.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 }
            try SeparationBench.run(dimensions: ps, naiveLimit: naiveLimit)
        }
    }
}
