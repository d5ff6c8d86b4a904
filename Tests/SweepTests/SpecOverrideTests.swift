@testable import Sweep
import TestSupport
import XCTest

/// Hydra-style command-line overrides: applied as if the file said so, checked like the file, and errors name them.
final class SpecOverrideTests: XCTestCase {
    private let text = StoreFixtures.specText(depths: [1, 2], seeds: [0, 1])

    private func spec(_ overrides: [String]) throws -> SweepSpec {
        try SweepSpec.parse(yaml: text, file: "unit.yaml", overrides: overrides)
    }

    private func error(_ overrides: [String], file: StaticString = #filePath, line: UInt = #line) -> SpecError? {
        do throws(SpecError) {
            _ = try SweepSpec.parse(yaml: text, file: "unit.yaml", overrides: overrides)
            XCTFail("expected a spec error for \(overrides)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testLeafOverrideEqualsTheEditedFile() throws {
        let overridden = try spec(["train.lr=0.5"])
        let edited = try SweepSpec.parse(yaml: StoreFixtures.specText(lr: "0.5", depths: [1, 2], seeds: [0, 1]), file: "unit.yaml")
        XCTAssertEqual(overridden.jobs.map(\.id), edited.jobs.map(\.id))
        XCTAssertEqual(overridden.overrides, ["train.lr=0.5"])
        XCTAssertEqual(overridden.jobs.first?.train.lr, 0.5)
    }

    func testGridOverrideReplacesTheAxisAndSeedsOverrideTheList() throws {
        let overridden = try spec(["grid.model.depth=[2,4]", "seeds=[7]"])
        XCTAssertEqual(overridden.jobs.map(\.model.depth), [2, 4])
        XCTAssertEqual(overridden.jobs.map(\.seed), [7, 7])
        let added = try spec(["grid.train.lr=[0.1, 0.2]"])
        XCTAssertEqual(added.jobs.count, 8)
        XCTAssertEqual(added.varyingKeys, ["model.depth", "train.lr"])
    }

    func testLeafOverrideOfAGridAxisFixesIt() throws {
        let overridden = try spec(["model.depth=3"])
        XCTAssertEqual(overridden.jobs.map(\.model.depth), [3, 3])
        XCTAssertEqual(overridden.varyingKeys, [])
    }

    func testSectionOverrideSetsSeveralLeaves() throws {
        let overridden = try spec(["train={lr: 0.2, epochs: 4}"])
        XCTAssertEqual(overridden.jobs.first?.train.lr, 0.2)
        XCTAssertEqual(overridden.jobs.first?.train.epochs, 4)
    }

    func testErrorsNameTheOverride() throws {
        let badValue = try XCTUnwrap(error(["train.lr=fast"]))
        XCTAssertEqual(badValue.key, "train.lr")
        XCTAssertTrue(badValue.message.contains("(from the command-line override train.lr=fast)"), badValue.message)
        XCTAssertNil(badValue.line, "a command-line value has no line in the file")

        let unknown = try XCTUnwrap(error(["train.lrr=0.5"]))
        XCTAssertTrue(unknown.message.contains("did you mean train.lr?"), unknown.message)
        XCTAssertTrue(unknown.message.contains("train.lrr=0.5"), unknown.message)

        let notAnOverride = try XCTUnwrap(error(["fast"]))
        XCTAssertTrue(notAnOverride.message.contains("expected KEY=VALUE"), notAnOverride.message)

        let notAList = try XCTUnwrap(error(["grid.model.depth=3"]))
        XCTAssertEqual(notAList.key, "grid.model.depth")
        XCTAssertTrue(notAList.message.contains("non-empty list"), notAList.message)

        let badYAML = try XCTUnwrap(error(["grid.model.depth=[2,"]))
        XCTAssertTrue(badYAML.message.contains("not valid YAML"), badYAML.message)

        let badAxisValue = try XCTUnwrap(error(["grid.model.depth=[2, deep]"]))
        XCTAssertTrue(badAxisValue.message.contains("grid.model.depth=[2, deep]"), badAxisValue.message)

        let seedInGrid = try XCTUnwrap(error(["grid.seed=[1,2]"]))
        XCTAssertTrue(seedInGrid.message.contains("seeds cannot be varied"), seedInGrid.message)
    }

    func testAnOverrideOfAKeySetByCasesIsRefused() throws {
        let yaml = text.replacingOccurrences(of: "grid: {model.depth: [1, 2]}", with: "cases: [{train.lr: 0.1}, {train.lr: 0.2}]")
        XCTAssertThrowsError(try SweepSpec.parse(yaml: yaml, file: "unit.yaml", overrides: ["train.lr=0.3"])) { error in
            XCTAssertTrue("\(error)".contains("cases[0] sets train.lr"), "\(error)")
        }
    }

    func testOverridesAreRecordedInSweepYAMLAndNamedInTheDifference() throws {
        let first = ResolvedSweep(spec: try spec(["train.lr=0.5"]))
        let parsed = try ResolvedSweep.parse(first.yaml, file: "sweep.yaml")
        XCTAssertEqual(parsed.overrides, ["train.lr=0.5"])
        let second = ResolvedSweep(spec: try spec(["train.lr=0.25"]))
        let lines = parsed.differences(to: second)
        XCTAssertTrue(lines.contains { $0.hasPrefix("train.lr: 0.5 in the directory, 0.25 in the spec") }, "\(lines)")
        XCTAssertTrue(lines.contains("command-line overrides: train.lr=0.5 in the directory, train.lr=0.25 in the spec"), "\(lines)")
    }
}
