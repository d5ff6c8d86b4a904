@testable import Sweep
import TestSupport
import XCTest

final class SpecErrorTests: XCTestCase {
    // MARK: unknown keys

    func testUnknownTopLevelKey() {
        assertSpecError("name: x\nmodle: {depth: 2}", keyContains: "modle", messageContains: ["unknown key", "did you mean model?"])
        assertSpecError("model.depth: 3", keyContains: "model.depth", messageContains: ["grid or cases"])
    }

    func testUnknownNestedKey() {
        let error = assertSpecError("train: {learning_rate: 0.1}", keyContains: "train.learning_rate",
                                    messageContains: ["unknown key", "did you mean train.lr?"])
        XCTAssertEqual(error?.line, 1)
        assertSpecError("model: {dept: 3}", keyContains: "model.dept", messageContains: ["did you mean model.depth?"])
        assertSpecError("model: {lr: 3}", keyContains: "model.lr", messageContains: ["did you mean train.lr?"])
        assertSpecError("measure: {foo: 3}", keyContains: "measure.foo", messageContains: ["unknown key"])
    }

    func testUnknownDottedKeyInGridAndCases() {
        assertSpecError("grid: {train.learning_rate: [0.1]}", keyContains: "grid.train.learning_rate",
                        messageContains: ["did you mean train.lr?"])
        assertSpecError("cases: [{model.widht: 3}]", keyContains: "cases[0].model.widht",
                        messageContains: ["did you mean model.width?"])
        assertSpecError("grid: {model: [1]}", keyContains: "grid.model", messageContains: ["leaf key"])
        assertSpecError("grid: {name: [a, b]}", keyContains: "grid.name", messageContains: ["not a job parameter"])
    }

    // MARK: wrong types

    func testWrongTypes() {
        assertSpecError("model: {depth: deep}", keyContains: "model.depth",
                        messageContains: ["expected an integer 0…1000", "found \"deep\""])
        assertSpecError("model: {depth: \"2\"}", keyContains: "model.depth", messageContains: ["found \"2\""])
        assertSpecError("model: {depth: [2]}", keyContains: "model.depth", messageContains: ["found a list [2]"])
        assertSpecError("model: {depth: {a: 1}}", keyContains: "model.depth", messageContains: ["found a mapping {a: 1}"])
        assertSpecError("model: {depth: 2.5}", keyContains: "model.depth", messageContains: ["found 2.5"])
        assertSpecError("model: {depth: }", keyContains: "model.depth", messageContains: ["found null"])
        assertSpecError("model: {batchnorm: 1}", keyContains: "model.batchnorm", messageContains: ["true or false"])
        assertSpecError("train: {lr: fast}", keyContains: "train.lr", messageContains: ["expected a number > 0"])
        assertSpecError("train: {betas: 0.9}", keyContains: "train.betas", messageContains: ["two numbers"])
        assertSpecError("dataset: {normalize: [0.5]}", keyContains: "dataset.normalize", messageContains: ["two numbers"])
        assertSpecError("dataset: {per_class: some}", keyContains: "dataset.per_class", messageContains: ["\"all\""])
        assertSpecError("dataset: {path: [a]}", keyContains: "dataset.path", messageContains: ["string"])
        assertSpecError("model: 3", keyContains: "model", messageContains: ["expected a mapping"])
        assertSpecError("- a\n- b", keyContains: nil, messageContains: ["top level"])
        assertSpecError("name: [a]", keyContains: "name", messageContains: ["string"])
        assertSpecError("train: {milestones: 100}", keyContains: "train.milestones", messageContains: ["list"])
    }

    func testWrongTypeFromGridOrCaseNamesOrigin() {
        assertSpecError("grid: {model.depth: [2, deep]}", keyContains: "model.depth",
                        messageContains: ["found \"deep\"", "(from grid)"])
        assertSpecError("cases: [{}, {train.lr: -1}]", keyContains: "train.lr",
                        messageContains: ["found -1", "(from cases[1])"])
        assertSpecError("grid: {train.betas: [[0.9, 0.999], [0.9, 1.0]]}", keyContains: "train.betas[1]",
                        messageContains: ["found 1.0", "(from grid)"])
    }

    // MARK: ranges

    func testOutOfRange() {
        assertSpecError("model: {depth: -1}", keyContains: "model.depth", messageContains: ["found -1"])
        assertSpecError("model: {depth: 1001}", keyContains: "model.depth", messageContains: ["0…1000"])
        assertSpecError("model: {width: 0}", keyContains: "model.width")
        assertSpecError("train: {lr: 0}", keyContains: "train.lr", messageContains: ["> 0", "found 0"])
        assertSpecError("train: {lr: .inf}", keyContains: "train.lr")
        assertSpecError("train: {lr: .nan}", keyContains: "train.lr")
        assertSpecError("dataset: {normalize: [0.5, 0]}", keyContains: "dataset.normalize[1]", messageContains: ["std > 0"])
        assertSpecError("train: {momentum: 1.0}", keyContains: "train.momentum", messageContains: ["[0, 1)"])
        assertSpecError("train: {momentum: -0.1}", keyContains: "train.momentum")
        assertSpecError("train: {gamma: 0}", keyContains: "train.gamma")
        assertSpecError("train: {gamma: 1.5}", keyContains: "train.gamma")
        assertSpecError("train: {eps: 0}", keyContains: "train.eps")
        assertSpecError("train: {weight_decay: -1e-4}", keyContains: "train.weight_decay")
        assertSpecError("train: {epochs: 1000001}", keyContains: "train.epochs")
        assertSpecError("train: {batch_size: 0}", keyContains: "train.batch_size")
        assertSpecError("train: {milestones: [200, 200]}", keyContains: "train.milestones",
                        messageContains: ["strictly increasing"])
        assertSpecError("train: {milestones: [300, 200]}", keyContains: "train.milestones")
        assertSpecError("train: {milestones: [0, 200]}", keyContains: "train.milestones[0]")
        assertSpecError("dataset: {resize: 0}", keyContains: "dataset.resize")
        assertSpecError("dataset: {resize: 1025}", keyContains: "dataset.resize")
        assertSpecError("dataset: {class_counts: [100, 0]}", keyContains: "dataset.class_counts[1]")
        assertSpecError("dataset: {class_counts: []}", keyContains: "dataset.class_counts")
        assertSpecError("dataset: {separation: -1}", keyContains: "dataset.separation")
        assertSpecError("dataset: {dimension: 0}", keyContains: "dataset.dimension")
        assertSpecError("measure: {chunk: 0}", keyContains: "measure.chunk")
        assertSpecError("seed: -1", keyContains: "seed")
        assertSpecError("seeds: [0, -3]", keyContains: "seeds[1]")
    }

    func testHugeNumbersAreErrorsNotTraps() {
        assertSpecError("model: {depth: 1e30}", keyContains: "model.depth", messageContains: ["found 1e30"])
        assertSpecError("model: {depth: 99999999999999999999}", keyContains: "model.depth",
                        messageContains: ["found 99999999999999999999"])
        assertSpecError("model: {depth: -99999999999999999999}", keyContains: "model.depth")
        assertSpecError("train: {epochs: 9223372036854775807}", keyContains: "train.epochs")
        assertSpecError("train: {batch_size: 1e300}", keyContains: "train.batch_size")
        assertSpecError("train: {lr: 1e400}", keyContains: "train.lr")
        assertSpecError("seed: 99999999999999999999", keyContains: "seed")
        assertSpecError("seeds: [1e30]", keyContains: "seeds[0]")
        assertSpecError("model: {depth: 0xFFFFFFFFFFFFFFFFFF}", keyContains: "model.depth")
        // Exactly integral floats within range are integers.
        XCTAssertEqual(parseOrFail("model: {depth: 6.0}")?.jobs.first?.model.depth, 6)
        XCTAssertEqual(parseOrFail("seed: 9223372036854775807")?.jobs.first?.seed, UInt64(Int.max))
    }

    // MARK: enums and combinations

    func testBadEnumValues() {
        assertSpecError("train: {optimizer: rmsprop}", keyContains: "train.optimizer",
                        messageContains: ["one of sgd, momentum, adam", "found \"rmsprop\""])
        assertSpecError("dataset: {name: cifar100}", keyContains: "dataset.name")
        assertSpecError("model: {arch: transformer}", keyContains: "model.arch")
        assertSpecError("model: {activation: tanh}", keyContains: "model.activation")
        assertSpecError("measure: {batchnorm: frozen}", keyContains: "measure.batchnorm")
        assertSpecError("grid: {train.optimizer: [sgd, rmsprop]}", keyContains: "train.optimizer",
                        messageContains: ["(from grid)"])
    }

    func testPerClassWithClassCounts() {
        assertSpecError("dataset: {per_class: 100, class_counts: [500, 100]}", keyContains: "dataset.per_class",
                        messageContains: ["dataset.class_counts", "mutually exclusive"])
        assertSpecError("dataset: {class_counts: [500, 100]}\ngrid: {dataset.per_class: [10]}",
                        keyContains: "dataset.per_class", messageContains: ["dataset.class_counts", "(from grid)"])
    }

    func testGridAndCaseStructure() {
        assertSpecError("grid: {train.lr: []}", keyContains: "grid.train.lr", messageContains: ["non-empty list"])
        assertSpecError("grid: {train.lr: 0.1}", keyContains: "grid.train.lr", messageContains: ["non-empty list"])
        assertSpecError("grid: [train.lr]", keyContains: "grid", messageContains: ["mapping"])
        assertSpecError("grid: {model.depth: [2, 6]}\ncases: [{model.depth: 18}]", keyContains: "cases[0].model.depth",
                        messageContains: ["grid"])
        assertSpecError("grid: {seed: [0, 1]}", keyContains: "grid.seed", messageContains: ["seeds"])
        assertSpecError("cases: [{seeds: [0, 1]}]", keyContains: "cases[0].seeds", messageContains: ["seeds"])
        assertSpecError("cases: []", keyContains: "cases", messageContains: ["non-empty"])
        assertSpecError("cases: [3]", keyContains: "cases[0]", messageContains: ["mapping"])
        assertSpecError("seeds: []", keyContains: "seeds", messageContains: ["non-empty"])
        assertSpecError("seeds: 3", keyContains: "seeds", messageContains: ["non-empty list"])
        assertSpecError("grid: {train.lr: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], model.depth: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "
                        + "model.width: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], train.epochs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "
                        + "train.batch_size: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], measure.chunk: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "
                        + "train.gamma: [0.1, 0.2]}", keyContains: "grid", messageContains: ["more than"])
    }

    // MARK: files and YAML

    func testMissingFileAndDirectory() {
        let missing = "/nonexistent/seplaw/Configs/none.yaml"
        XCTAssertThrowsError(try SweepSpec.load(path: missing)) { error in
            let specError = error as? SpecError
            XCTAssertEqual(specError?.file, missing)
            XCTAssertTrue(specError?.description.contains("file not found") ?? false)
        }
        let directory = FileManager.default.temporaryDirectory.path
        XCTAssertThrowsError(try SweepSpec.load(path: directory)) { error in
            XCTAssertEqual((error as? SpecError)?.file, directory)
        }
    }

    func testYamlSyntaxErrorNamesFileAndLine() {
        let error = assertSpecError("name: x\nmodel: {depth: 2\ntrain: [", keyContains: nil, messageContains: ["YAML syntax error"])
        XCTAssertNotNil(error?.line)
        let tabs = assertSpecError("model:\n\tdepth: 2", keyContains: nil, messageContains: ["line 2"])
        XCTAssertEqual(tabs?.line, 2)
        assertSpecError("model: {depth: 2, depth: 3}", keyContains: "depth", messageContains: ["duplicate key"])
        assertSpecError("a: *nowhere", keyContains: nil, messageContains: ["YAML"])
    }

    func testErrorDescriptionFormat() {
        let error = SpecError(file: "Configs/x.yaml", key: "model.depth", message: "expected an integer ≥ 0, found \"deep\"")
        XCTAssertEqual(error.description, "Configs/x.yaml: model.depth: expected an integer ≥ 0, found \"deep\"")
        XCTAssertEqual(SpecError(file: "f.yaml", key: nil, message: "m", line: 3).description, "f.yaml:3: m")
    }
}
