import Foundation
import XCTest
@testable import Sweep

/// `measure.every` and `measure.test_per_class`: parsing, validation, job identity, JSON compatibility.
final class ReportMeasureSpecTests: XCTestCase {
    private func job(_ measure: String) throws -> JobSpec {
        let text = """
            dataset: {name: gaussian, dimension: 8, per_class: 10}
            model: {depth: 1, width: 8}
            train: {epochs: 2}
            measure: {\(measure)}
            """
        let jobs = try SweepSpec.parse(yaml: text, file: "m.yaml").jobs
        return try XCTUnwrap(jobs.first)
    }

    func testDefaultsKeepJobIdentityAndSetValuesEnterParams() throws {
        let plain = try job("chunk: 100")
        XCTAssertEqual(plain.measure.every, 0)
        XCTAssertNil(plain.measure.testPerClass)
        XCTAssertEqual(try job("chunk: 100, every: 0").id, plain.id)
        XCTAssertNil(plain.params["measure.every"])
        XCTAssertNil(plain.params["measure.test_per_class"])
        XCTAssertFalse(plain.canonicalJSON.contains("every"))

        let dynamic = try job("every: 5, test_per_class: 20")
        XCTAssertEqual(dynamic.measure.every, 5)
        XCTAssertEqual(dynamic.measure.testPerClass, 20)
        XCTAssertEqual(dynamic.params["measure.every"], .int(5))
        XCTAssertEqual(dynamic.params["measure.test_per_class"], .int(20))
        XCTAssertNotEqual(dynamic.id, plain.id)
    }

    func testInvalidValuesNameTheKey() {
        for (measure, key) in [("every: -1", "measure.every"), ("every: 2.5", "measure.every"),
                               ("test_per_class: 0", "measure.test_per_class"), ("test_per_class: lots", "measure.test_per_class"),
                               ("evry: 3", "measure.evry")] {
            XCTAssertThrowsError(try job(measure), measure) { error in
                let error = error as? SpecError
                XCTAssertEqual(error?.key, key, "\(measure): \(String(describing: error))")
                XCTAssertEqual(error?.file, "m.yaml")
            }
        }
    }

    func testMeasureConfigJSONOmitsDefaultsAndOlderJSONDecodes() throws {
        let plain = try JSONCoding.line(MeasureConfig())
        XCTAssertEqual(plain, #"{"batchnorm":"train","chunk":100}"#)
        let old = try JSONCoding.decoder().decode(MeasureConfig.self, from: Data(plain.utf8))
        XCTAssertEqual(old, MeasureConfig())
        let set = MeasureConfig(every: 10, testPerClass: 50)
        let back = try JSONCoding.decoder().decode(MeasureConfig.self, from: Data(try JSONCoding.line(set).utf8))
        XCTAssertEqual(back, set)
    }
}
