import Datasets
import Foundation
import Linalg
import Network
import Separation

/// Runs one job in this process: data → network → train → per-layer features → D_l → fit ρ.
public enum JobRunner {
    /// Runs `spec`; every failure the job itself can cause (bad data, divergence, an unmeasurable layer)
    /// becomes a result with a status and a message rather than a thrown error.
    public static func run(_ spec: JobSpec, options: RunOptions = RunOptions()) -> JobResult {
        BLASRuntime.setThreads(options.blasThreads)
        let blas = BLASRecord(threads: BLASRuntime.threads, core: BLASRuntime.coreName)
        let clock = ContinuousClock()
        let start = clock.now
        var seconds = TimingRecord()

        let data: (train: Dataset, test: Dataset)
        do {
            data = try spec.datasetRecipe.load()
        } catch {
            return .failure(spec, status: .error, message: "dataset: \(error)", blas: blas)
        }
        seconds.data = clock.now.seconds(since: start)

        let train = data.train
        let architecture = spec.architecture(inputDimension: train.dimension, classCount: train.classCount)
        let maxBatch = max(spec.train.batchSize, spec.measure.chunk, 256)
        let classifier = Classifier(architecture: architecture, maxBatch: maxBatch, seed: spec.seed)
        let trainStart = clock.now
        let outcome = classifier.train(features: train.features, labels: train.labels, config: spec.trainingConfig,
                                       seed: spec.seed, progress: options.progress)
        seconds.train = clock.now.seconds(since: trainStart)
        if outcome.diverged {
            var result = JobResult.failure(spec, status: .diverged,
                                           message: "training loss became \(outcome.finalLoss) in epoch \(outcome.epochsCompleted + 1)",
                                           blas: blas, seconds: seconds)
            result.finalLoss = outcome.finalLoss
            result.epochsCompleted = outcome.epochsCompleted
            seconds.total = clock.now.seconds(since: start)
            result.seconds = seconds
            return result
        }
        let trainAccuracy = classifier.accuracy(features: train.features, labels: train.labels)
        let testAccuracy = classifier.accuracy(features: data.test.features, labels: data.test.labels)

        let measureStart = clock.now
        var layers: [LayerRecord] = []
        do {
            for layer in classifier.measuredFeatures(of: train.features, mode: spec.measurementMode, chunk: spec.measure.chunk) {
                let d = try SeparationFuzziness.compute(layer.features, labels: train.labels, classCount: train.classCount)
                layers.append(LayerRecord(index: layer.index, name: layer.name, dim: layer.features.cols, D: d))
            }
        } catch {
            return .failure(spec, status: .error, message: "measuring layer \(layers.count): \(error)", blas: blas, seconds: seconds)
        }
        let fit: LawFit
        do {
            fit = try LawFit(fuzziness: layers.map(\.D))
        } catch {
            return .failure(spec, status: .error, message: "fitting the law: \(error)", blas: blas, seconds: seconds)
        }
        seconds.measure = clock.now.seconds(since: measureStart)
        seconds.total = clock.now.seconds(since: start)
        return JobResult(id: spec.id, status: .ok, message: nil, params: spec.params, spec: spec, layers: layers, fit: fit,
                         trainAccuracy: trainAccuracy, testAccuracy: testAccuracy, finalLoss: outcome.finalLoss,
                         epochsCompleted: outcome.epochsCompleted, seconds: seconds, blas: blas)
    }
}

extension ContinuousClock.Instant {
    /// Seconds elapsed from `earlier` to this instant.
    func seconds(since earlier: ContinuousClock.Instant) -> Double {
        let d = earlier.duration(to: self).components
        return Double(d.seconds) + Double(d.attoseconds) * 1e-18
    }
}
