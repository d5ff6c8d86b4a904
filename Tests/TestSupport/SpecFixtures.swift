import Sweep
import XCTest

/// Shared spec texts and assertion helpers.
public enum SpecFixtures {
    /// The example from the spec format description.
    public static let example = """
    name: figure1
    dataset: {name: fashion-mnist, resize: 10, per_class: 100, normalize: [0.5, 0.5]}
    model: {arch: gfnn, depth: 2, width: 100, batchnorm: true, activation: relu}
    train: {optimizer: sgd, lr: 0.3, epochs: 600, batch_size: 128, weight_decay: 5.0e-4, momentum: 0.9}
    measure: {batchnorm: train}
    seed: 0
    grid: {train.optimizer: [sgd, adam]}
    cases: [{model.depth: 2, train.lr: 0.3}]
    seeds: [0, 1, 2]
    """

    /// The same sweep, block style, keys reordered, numbers spelled differently.
    public static let exampleReordered = """
    seeds:
      - 0
      - 1
      - 2
    cases:
      - train.lr: 3.0e-1
        model.depth: 2.0
    grid:
      train.optimizer:
        - sgd
        - adam
    measure:
      batchnorm: train
    train:
      momentum: 0.90
      weight_decay: 0.0005
      batch_size: 128
      epochs: 600
      lr: 0.3
      optimizer: sgd
    model:
      activation: relu
      batchnorm: yes
      width: 100
      depth: 2
      arch: gfnn
    dataset:
      normalize: [0.50, 5e-1]
      per_class: 100
      resize: 10
      name: fashion-mnist
    name: figure1
    """
}

/// Parses `yaml` expecting a `SpecError`; fails the test if it parses.
@discardableResult
public func assertSpecError(_ yaml: String, file: String = "Configs/test.yaml", keyContains key: String?,
                     messageContains fragments: [String] = [],
                     sourceFile: StaticString = #filePath, line: UInt = #line) -> SpecError? {
    do {
        let spec = try SweepSpec.parse(yaml: yaml, file: file)
        XCTFail("expected an error, got \(spec.jobs.count) jobs", file: sourceFile, line: line)
        return nil
    } catch {
        XCTAssertEqual(error.file, file, "\(error)", file: sourceFile, line: line)
        if let key {
            XCTAssertTrue(error.key?.contains(key) ?? false, "key \(String(describing: error.key)) lacks \(key): \(error)",
                          file: sourceFile, line: line)
            XCTAssertTrue(error.description.contains(key), "\(error)", file: sourceFile, line: line)
        }
        XCTAssertTrue(error.description.hasPrefix(file), "\(error)", file: sourceFile, line: line)
        for fragment in fragments {
            XCTAssertTrue(error.description.contains(fragment), "'\(error)' lacks '\(fragment)'",
                          file: sourceFile, line: line)
        }
        return error
    }
}

/// Parses `yaml`, failing the test on error.
public func parseOrFail(_ yaml: String, file: String = "Configs/test.yaml",
                 sourceFile: StaticString = #filePath, line: UInt = #line) -> SweepSpec? {
    do {
        return try SweepSpec.parse(yaml: yaml, file: file)
    } catch {
        XCTFail("unexpected error: \(error)", file: sourceFile, line: line)
        return nil
    }
}
