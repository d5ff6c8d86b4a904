/// When the law of data separation emerged during training.
public enum LawEmergence {
    /// The default threshold on Pearson r: the law holds once r < −0.95.
    public static let defaultThreshold = -0.95

    /// The first measured epoch from which every later measurement (itself included) has a fit with
    /// Pearson r below `threshold`; nil when there are no dynamics or the last one is not below it.
    public static func epoch(_ dynamics: [DynamicsPoint], threshold: Double = defaultThreshold) -> Int? {
        var emerged: Int?
        for point in dynamics.sorted(by: { $0.epoch < $1.epoch }) {
            if let r = point.fit?.pearsonR, r < threshold {
                if emerged == nil { emerged = point.epoch }
            } else {
                emerged = nil
            }
        }
        return emerged
    }
}
