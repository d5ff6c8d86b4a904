import Datasets
import Foundation
import Linalg
import Network
import Separation
import Sweep

/// Runs one job in this process: data → network → train → per-layer features → D_l → fit ρ.
public enum JobRunner {
    /// Plans and runs `spec` (see `run(_:options:)` for a planned job); a network that does not fit the
    /// data is a failed result.
    public static func run(_ spec: JobSpec, options: RunOptions = RunOptions()) -> JobResult {
        if let features = spec.features { return FeatureMeasurement.run(spec, features: features, options: options) }
        do {
            return run(try JobPlan(spec), options: options)
        } catch {
            BLASRuntime.setThreads(options.effectiveBLASThreads)
            var result = JobResult.failure(spec, status: .error, message: "model: \(error)",
                                           blas: .current(threads: BLASRuntime.threads))
            result.provenance = .current(started: Date(), finished: Date())
            return result
        }
    }

    /// Runs a planned job; every failure the job itself can cause (bad data, divergence, an unmeasurable layer)
    /// becomes a result with a status and a message rather than a thrown error.
    /// The result records the digest of the data read (`dataDigest`), the network as built, the thread count and its
    /// provenance (this build, host, start and end); a job whose spec names a digest (`dataset.digest`) fails when
    /// its data no longer has it.
    public static func run(_ job: JobPlan, options: RunOptions = RunOptions()) -> JobResult {
        let started = Date()
        var digest: String?
        var result = measure(job, options: options, digest: &digest)
        result.dataDigest = digest
        result.network = NetworkRecord(job.network, spec: job.spec)
        result.threads = options.threads > 1 ? options.threads : nil
        result.provenance = .current(started: started, finished: Date())
        return result
    }

    private static func measure(_ job: JobPlan, options: RunOptions, digest: inout String?) -> JobResult {
        let spec = job.spec
        BLASRuntime.setThreads(options.effectiveBLASThreads)
        let blas = BLASRecord.current(threads: BLASRuntime.threads)
        let clock = ContinuousClock()
        let start = clock.now
        var seconds = TimingRecord()

        let data: (train: Dataset, test: Dataset)
        do {
            data = try options.datasetCache?.load(job.recipe) ?? job.recipe.load()
        } catch {
            return .failure(spec, status: .error, message: "dataset: \(error)", blas: blas)
        }
        digest = DataDigest.of(job.recipe, cacheDirectory: options.datasetCache?.directory)
        if let expected = spec.dataset.digest, digest != expected {
            return .failure(spec, status: .error,
                            message: "dataset: the data in \(spec.dataset.path ?? "its directory") is not the data the job was "
                                + "planned for (digest \(expected), now \(digest ?? "unreadable")); plan the sweep again",
                            blas: blas)
        }
        seconds.data = clock.now.seconds(since: start)

        let train = data.train, plan = job.network
        guard train.shape == plan.inputShape, train.classCount == job.classCount else {
            return .failure(spec, status: .error, message: "dataset: the data has \(train.classCount) classes of \(train.shape) "
                                + "examples, but the job was planned for \(job.classCount) classes of \(plan.inputShape)",
                            blas: blas, seconds: seconds)
        }
        let maxBatch = max(spec.train.batchSize, spec.measure.chunk, 256)
        let classifier = Classifier(plan: plan, maxBatch: maxBatch, seed: spec.seed, threads: options.threads)
        let mode = spec.measurementMode, chunk = spec.measure.chunk
        let measureTeam = ThreadTeam(threads: options.threads)
        let trainProbe = LayerProbe(features: train.features, labels: train.labels, classCount: train.classCount,
                                    mode: mode, chunk: chunk, pca: spec.measure.pca, team: measureTeam)
        var testProbe: LayerProbe?
        if let perClass = spec.measure.testPerClass {
            do {
                let test = data.test
                let indices = try ClassSampler.balanced(labels: test.labels, classCount: test.classCount,
                                                        perClass: perClass, seed: spec.seed)
                let sample = test.subset(indices)
                testProbe = LayerProbe(features: sample.features, labels: sample.labels, classCount: sample.classCount,
                                       mode: mode, chunk: chunk, pca: spec.measure.pca, team: measureTeam)
            } catch {
                return .failure(spec, status: .error, message: "measure.test_per_class: the test set: \(error)", blas: blas,
                                seconds: seconds)
            }
        }

        // Dynamics: measuring between epochs reads features with batch statistics and draws no random
        // numbers, so the trained network (and every number below) is the same with or without it.
        let recorder = spec.measure.every > 0
            ? DynamicsRecorder(classifier: classifier, train: trainProbe, test: testProbe, every: spec.measure.every)
            : nil
        var progress: ((EpochReport) -> Void)? = options.progress
        if let recorder {
            let outer = options.progress
            progress = { report in
                outer?(report)
                recorder.observe(report)
            }
        }
        let trainStart = clock.now
        recorder?.start()
        let outcome = classifier.train(features: train.features, labels: train.labels, config: job.training,
                                       seed: spec.seed, progress: progress)
        seconds.train = clock.now.seconds(since: trainStart) - (recorder?.seconds ?? 0)
        if outcome.diverged {
            var result = JobResult.failure(spec, status: .diverged,
                                           message: "training loss became \(outcome.finalLoss) in epoch \(outcome.epochsCompleted + 1)",
                                           blas: blas, seconds: seconds)
            result.finalLoss = outcome.finalLoss
            result.epochsCompleted = outcome.epochsCompleted
            result.dynamics = recorder?.points
            seconds.measure = recorder?.seconds ?? 0
            seconds.total = clock.now.seconds(since: start)
            result.seconds = seconds
            return result
        }
        let trainAccuracy = classifier.accuracy(features: train.features, labels: train.labels)
        let testAccuracy = classifier.accuracy(features: data.test.features, labels: data.test.labels)

        let measureStart = clock.now
        var layers: [LayerRecord] = []
        let measured = trainProbe.layers(of: classifier)
        if let sink = options.featureSink {
            do {
                try sink(MeasuredFeatures(train: .init(layers: measured, labels: train.labels),
                                          test: testProbe.map { .init(layers: $0.layers(of: classifier), labels: $0.labels) }))
            } catch {
                return .failure(spec, status: .error, message: "writing the features: \(error)", blas: blas, seconds: seconds)
            }
        }
        // Every layer on its own thread of the job's team (the same values as one after another).
        let fuzziness = measureTeam.map(measured.count) { l in
            Result { () throws(SeparationError) -> Double in try trainProbe.fuzziness(of: measured[l]) }
        }
        do {
            for (layer, d) in zip(measured, fuzziness) {
                layers.append(LayerRecord(index: layer.index, name: layer.name, dim: layer.features.cols, D: try d.get()))
            }
        } catch {
            return .failure(spec, status: .error, message: "measuring layer \(layers.count): \(error)", blas: blas, seconds: seconds)
        }
        let fit: LawFit
        var segmentFits: [SegmentFit] = []
        do {
            let values = layers.map(\.D)
            fit = try LawFit(fuzziness: values)
            for segment in plan.fitSegments {
                segmentFits.append(SegmentFit(first: segment.lowerBound, last: segment.upperBound,
                                              fit: try LawFit(fuzziness: Array(values[segment]))))
            }
        } catch {
            return .failure(spec, status: .error, message: "fitting the law: \(error)", blas: blas, seconds: seconds)
        }
        // Related measures: a layer where one is undefined keeps nil rather than failing the job.
        let collapse = measureTeam.map(measured.count) { l in
            (nc1: try? NeuralCollapse.nc1(measured[l].features, labels: train.labels, classCount: train.classCount),
             ncc: try? NeuralCollapse.nearestClassCentreAccuracy(measured[l].features, labels: train.labels,
                                                                 classCount: train.classCount))
        }
        for l in measured.indices {
            layers[l].nc1 = collapse[l].nc1
            layers[l].nccAccuracy = collapse[l].ncc
        }
        var testFit: LawFit?
        if let testProbe {
            let testD = testProbe.fuzziness(of: testProbe.layers(of: classifier))
            for l in layers.indices { layers[l].testD = testD[l].isFinite ? testD[l] : nil }
            testFit = LayerProbe.fit(testD)
        }
        var minority: MinorityCollapse?
        let minorityClasses = MinorityCollapse.minorityClasses(counts: train.classSizes)
        if minorityClasses.count >= 2, measured.count >= 2, let last = measured.last {
            minority = try? MinorityCollapse.measure(features: last.features, labels: train.labels,
                                                     classifier: classifier.classifierWeights, classes: minorityClasses)
        }
        seconds.measure = clock.now.seconds(since: measureStart) + (recorder?.seconds ?? 0)
        seconds.total = clock.now.seconds(since: start)
        var result = JobResult(id: job.id, status: .ok, message: nil, params: spec.params, spec: spec, layers: layers, fit: fit,
                               trainAccuracy: trainAccuracy, testAccuracy: testAccuracy, finalLoss: outcome.finalLoss,
                               epochsCompleted: outcome.epochsCompleted, seconds: seconds, blas: blas)
        result.testFit = testFit
        result.segmentFits = segmentFits.isEmpty ? nil : segmentFits
        result.minorityCollapse = minority
        result.dynamics = recorder?.points
        return result
    }
}

extension ContinuousClock.Instant {
    /// Seconds elapsed from `earlier` to this instant.
    func seconds(since earlier: ContinuousClock.Instant) -> Double {
        earlier.duration(to: self).inSeconds
    }
}
