/// One key of `sample:` and its distribution.
struct SampleAxis: Sendable {
    var key: String
    var distribution: SampleDistribution
}
