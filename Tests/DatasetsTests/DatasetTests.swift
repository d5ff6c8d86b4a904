import Linalg
import XCTest
@testable import Datasets

final class DatasetTests: XCTestCase {
    func testCheckedInitialiserAndSubset() throws {
        let features = Matrix<Float>(rows: 3, cols: 2, storage: [1, 2, 3, 4, 5, 6])
        let data = try Dataset(features: features, labels: [1, 0, 1], classCount: 2)
        XCTAssertEqual(data.count, 3)
        XCTAssertEqual(data.dimension, 2)
        XCTAssertEqual(data.classSizes, [1, 2])
        let picked = data.subset([2, 1])
        XCTAssertEqual(picked.features.storage, [5, 6, 3, 4])
        XCTAssertEqual(picked.labels, [1, 0])
        XCTAssertEqual(picked.classCount, 2)
        XCTAssertThrowsError(try Dataset(features: features, labels: [0, 1], classCount: 2))
        XCTAssertThrowsError(try Dataset(features: features, labels: [0, 1, 2], classCount: 2))
        XCTAssertThrowsError(try Dataset(features: features, labels: [0, -1, 1], classCount: 2))
    }
}
