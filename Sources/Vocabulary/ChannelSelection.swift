/// Which channels of colour images a job keeps: `all` (CIFAR-10: 3 × S × S) or `green` (1 × S × S, as the
/// paper's feedforward networks use CIFAR-10). Grey images have one channel either way.
public enum ChannelSelection: String, Sendable, Codable, CaseIterable {
    case all
    case green
}
