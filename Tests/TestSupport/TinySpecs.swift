/// Small sweeps whose jobs take well under a second in a debug build.
public enum TinySpecs {
    /// Six jobs: depth 1…3 × two seeds.
    public static func grid(name: String = "tiny", lr: String = "0.05", epochs: Int = 5, depths: [Int] = [1, 2, 3],
                     seeds: [Int] = [0, 1]) -> String {
        """
        name: \(name)
        dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
        model: {depth: 2, width: 16, batchnorm: true}
        train: {optimizer: sgd, lr: \(lr), epochs: \(epochs), batch_size: 32}
        grid: {model.depth: [\(depths.map(String.init).joined(separator: ", "))]}
        seeds: [\(seeds.map(String.init).joined(separator: ", "))]

        """
    }

    /// Five jobs (seed 0): depths 1…4 and one that diverges (huge learning rate, no BatchNorm).
    public static let faults = """
        name: faults
        dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
        model: {depth: 2, width: 16, batchnorm: true}
        train: {optimizer: sgd, lr: 0.05, epochs: 5, batch_size: 32}
        cases:
          - {model.depth: 1}
          - {model.depth: 2}
          - {model.depth: 3}
          - {model.depth: 4}
          - {model.depth: 2, model.batchnorm: false, train.lr: 1.0e+30}

        """
}
