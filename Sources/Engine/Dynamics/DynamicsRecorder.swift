import Network
import Separation
import Sweep

/// Measures every layer at epoch 0, every `every` epochs and at the last epoch, from the trainer's
/// per-epoch callback; collects the points and the time spent measuring.
final class DynamicsRecorder {
    private let classifier: Classifier
    private let train: LayerProbe
    private let test: LayerProbe?
    private let every: Int
    private(set) var points: [DynamicsPoint] = []
    /// Wall-clock seconds spent measuring (counted as measurement, not training).
    private(set) var seconds = 0.0

    init(classifier: Classifier, train: LayerProbe, test: LayerProbe?, every: Int) {
        self.classifier = classifier
        self.train = train
        self.test = test
        self.every = max(every, 1)
    }

    /// Measures at initialisation (epoch 0).
    func start() {
        record(epoch: 0, report: nil)
    }

    /// Called after each epoch: measures when the epoch is a multiple of `every` or the last one.
    func observe(_ report: EpochReport) {
        if report.epoch % every == 0 || report.epoch == report.epochs {
            record(epoch: report.epoch, report: report)
        }
    }

    private func record(epoch: Int, report: EpochReport?) {
        let clock = ContinuousClock(), start = clock.now
        let d = train.fuzziness(of: train.layers(of: classifier))
        let testD = test.map { $0.fuzziness(of: $0.layers(of: classifier)) }
        points.append(DynamicsPoint(epoch: epoch, loss: report?.loss, trainAccuracy: report?.accuracy,
                                    learningRate: report?.learningRate, D: d, fit: LayerProbe.fit(d),
                                    testD: testD, testFit: testD.flatMap(LayerProbe.fit)))
        seconds += clock.now.seconds(since: start)
    }
}
