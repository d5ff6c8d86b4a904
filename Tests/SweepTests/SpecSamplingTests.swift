import Foundation
@testable import Sweep
import TestSupport
import XCTest

/// Random search: `sample:` draws keys per trial from a seeded generator; ids are reproducible.
final class SpecSamplingTests: XCTestCase {
    private func spec(_ sample: String, trials: Int, extra: String = "", overrides: [String] = []) throws -> SweepSpec {
        let yaml = StoreFixtures.specText(depths: [1, 2], seeds: [0]) + "\nsample: \(sample)\ntrials: \(trials)\n" + extra
        return try SweepSpec.parse(yaml: yaml, file: "random.yaml", overrides: overrides)
    }

    private let lrAndWidth = "{train.lr: {loguniform: [1.0e-5, 1.0e-1]}, model.width: {randint: [8, 32]}}"

    func testDrawsAreReproducibleAndInRange() throws {
        let first = try spec(lrAndWidth, trials: 5), second = try spec(lrAndWidth, trials: 5)
        XCTAssertEqual(first.jobs.count, 2 * 5)
        XCTAssertEqual(first.jobs.map(\.id), second.jobs.map(\.id), "the same spec draws the same jobs")
        XCTAssertEqual(Set(first.jobs.map(\.id)).count, 10)
        for job in first.jobs {
            XCTAssertTrue((1.0e-5...1.0e-1).contains(job.train.lr), "\(job.train.lr)")
            XCTAssertTrue((8...32).contains(job.model.width), "\(job.model.width)")
        }
        // Every grid point sees the same trials.
        let depth1 = first.jobs.filter { $0.model.depth == 1 }, depth2 = first.jobs.filter { $0.model.depth == 2 }
        XCTAssertEqual(depth1.map(\.train.lr), depth2.map(\.train.lr))
        XCTAssertEqual(first.varyingKeys, ["model.depth", "model.width", "train.lr"])
    }

    func testATrialsDrawsDependOnlyOnTheSeedTrialAndKey() throws {
        let five = try spec(lrAndWidth, trials: 5), three = try spec(lrAndWidth, trials: 3)
        XCTAssertEqual(Set(three.jobs.map(\.id)).isSubset(of: Set(five.jobs.map(\.id))), true, "more trials add jobs")
        let lrOnly = try spec("{train.lr: {loguniform: [1.0e-5, 1.0e-1]}}", trials: 5)
        XCTAssertEqual(lrOnly.jobs.map(\.train.lr), five.jobs.map(\.train.lr), "adding a key leaves the other draws")
        let reseeded = try spec(lrAndWidth, trials: 5, extra: "sample_seed: 1\n")
        XCTAssertNotEqual(reseeded.jobs.map(\.train.lr), five.jobs.map(\.train.lr))
        XCTAssertEqual(try spec(lrAndWidth, trials: 5, overrides: ["sample_seed=1"]).jobs.map(\.id), reseeded.jobs.map(\.id))
    }

    func testLogUniformAndUniformDrawsHaveTheirDistribution() throws {
        // Independent check: the fraction below the midpoint (of log values, of values) is near one half,
        // and every draw keeps 6 significant digits.
        let count = 2000
        let logUniform = try spec("{train.lr: {loguniform: [1.0e-4, 1.0]}}", trials: count, overrides: ["grid.model.depth=[1]"])
        let logs = logUniform.jobs.map { log10($0.train.lr) }
        // Six significant digits make a rare draw repeat an earlier job, which is dropped like any repeated id.
        XCTAssertGreaterThan(logs.count, count - 10)
        XCTAssertEqual(Double(logs.filter { $0 < -2 }.count) / Double(logs.count), 0.5, accuracy: 0.05)
        XCTAssertEqual(Double(logs.filter { $0 < -3 }.count) / Double(logs.count), 0.25, accuracy: 0.04)
        for job in logUniform.jobs.prefix(50) {
            XCTAssertEqual(job.train.lr, Double(String(format: "%.6g", job.train.lr)))
        }
        let uniform = try spec("{train.momentum: {uniform: [0.5, 0.9]}}", trials: count,
                               overrides: ["grid.model.depth=[1]", "train.optimizer=momentum"])
        let momenta = uniform.jobs.compactMap(\.train.momentum)
        XCTAssertGreaterThan(momenta.count, count - 10)
        XCTAssertEqual(Double(momenta.filter { $0 < 0.7 }.count) / Double(momenta.count), 0.5, accuracy: 0.05)
        XCTAssertTrue(momenta.allSatisfy { (0.5...0.9).contains($0) })
    }

    func testChoiceDrawsEveryValue() throws {
        let sampled = try spec("{train.optimizer: {choice: [sgd, adam, momentum]}}", trials: 60, overrides: ["grid.model.depth=[1]"])
        XCTAssertEqual(Set(sampled.jobs.map(\.train.optimizer.rawValue)), ["sgd", "adam", "momentum"])
    }

    func testSamplingErrorsNameTheKey() {
        func message(_ sample: String, trials: Int? = 3, extra: String = "") -> String {
            let yaml = StoreFixtures.specText(depths: [1, 2], seeds: [0]) + "\nsample: \(sample)\n"
                + (trials.map { "trials: \($0)\n" } ?? "") + extra
            do {
                _ = try SweepSpec.parse(yaml: yaml, file: "random.yaml")
                return "no error"
            } catch {
                return error.description
            }
        }
        XCTAssertTrue(message(lrAndWidth, trials: nil).contains("trials: sample needs trials: N"))
        XCTAssertTrue(message("{train.lr: {loguniform: [0, 1]}}").contains("sample.train.lr.loguniform: expected low > 0"))
        XCTAssertTrue(message("{train.lr: {uniform: [1, 0.5]}}").contains("low < high"))
        XCTAssertTrue(message("{train.lr: {gaussian: [0, 1]}}").contains("unknown distribution"))
        XCTAssertTrue(message("{model.width: {randint: [8, 9.5]}}").contains("two integers"))
        XCTAssertTrue(message("{train.lrr: {uniform: [0, 1]}}").contains("did you mean train.lr?"))
        XCTAssertTrue(message("{model.depth: {randint: [1, 3]}}").contains("also varied in grid"))
        XCTAssertTrue(message("{train.lr: {uniform: [0.1, 0.2]}}", trials: 0).contains("trials: expected an integer"))
        XCTAssertTrue(message("{train.lr: 0.1}").contains("expected one distribution"))
        let trialsAlone = StoreFixtures.specText() + "\ntrials: 3\n"
        XCTAssertThrowsError(try SweepSpec.parse(yaml: trialsAlone, file: "x.yaml")) { error in
            XCTAssertTrue("\(error)".contains("there is no sample"), "\(error)")
        }
    }

    func testAValueErrorSaysWhichTrialDrewIt() {
        XCTAssertThrowsError(try spec("{model.width: {randint: [-3, -1]}}", trials: 2)) { error in
            XCTAssertTrue("\(error)".contains("(drawn by sample, trial 0)"), "\(error)")
        }
    }
}
