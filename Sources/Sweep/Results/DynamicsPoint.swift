import Separation

/// All layers measured at one epoch of training (`measure.every`): the law's fit as a time series.
public struct DynamicsPoint: Codable, Sendable, Equatable {
    /// Epochs completed when measured (0 = at initialisation).
    public let epoch: Int
    /// Mean training loss and minibatch accuracy of that epoch (absent at epoch 0).
    public let loss: Double?
    public let trainAccuracy: Double?
    /// The learning rate the epoch ran with (absent at epoch 0).
    public let learningRate: Double?
    /// D_l on the training points, l = 0…L (NaN where a layer could not be measured).
    public let D: [Double]
    /// The law fit of `D`, when every D_l is finite and positive.
    public let fit: LawFit?
    /// D_l on the test subsample and its fit, when `measure.test_per_class` is set.
    public let testD: [Double]?
    public let testFit: LawFit?

    enum CodingKeys: String, CodingKey {
        case epoch, loss, D, fit
        case trainAccuracy = "train_accuracy"
        case learningRate = "lr"
        case testD = "test_D"
        case testFit = "test_fit"
    }

    public init(epoch: Int, loss: Double?, trainAccuracy: Double?, learningRate: Double?, D: [Double], fit: LawFit?,
                testD: [Double]?, testFit: LawFit?) {
        self.epoch = epoch
        self.loss = loss
        self.trainAccuracy = trainAccuracy
        self.learningRate = learningRate
        self.D = D
        self.fit = fit
        self.testD = testD
        self.testFit = testFit
    }
}
