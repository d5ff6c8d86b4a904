/// Wall-clock seconds spent in each phase of a job.
public struct TimingRecord: Codable, Sendable, Equatable {
    public var data: Double
    public var train: Double
    public var measure: Double
    public var total: Double

    public init(data: Double = 0, train: Double = 0, measure: Double = 0, total: Double = 0) {
        self.data = data
        self.train = train
        self.measure = measure
        self.total = total
    }
}
