import Network

/// The features a job measured, handed to `RunOptions.featureSink` (`seplaw run --dump-features`):
/// every measured layer on the training points and, with `measure.test_per_class`, on the test subsample.
public struct MeasuredFeatures: Sendable {
    /// One set of points: layers l = 0…L (n × p_l, Float32) and the points' labels.
    public struct Points: Sendable {
        public let layers: [MeasuredLayer]
        public let labels: [Int]
    }

    public let train: Points
    public let test: Points?
}
