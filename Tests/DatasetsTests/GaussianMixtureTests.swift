import XCTest
@testable import Datasets

final class GaussianMixtureTests: XCTestCase {
    func testShapeLabelsAndDeterminism() {
        let a = GaussianMixture.make(classes: 4, perClass: 25, dimension: 8, separation: 3, seed: 11)
        XCTAssertEqual(a.count, 100)
        XCTAssertEqual(a.dimension, 8)
        XCTAssertEqual(a.classCount, 4)
        XCTAssertEqual(a.classSizes, [25, 25, 25, 25])
        XCTAssertEqual(GaussianMixture.make(classes: 4, perClass: 25, dimension: 8, separation: 3, seed: 11), a)
        XCTAssertNotEqual(GaussianMixture.make(classes: 4, perClass: 25, dimension: 8, separation: 3, seed: 12), a)
    }

    func testMeansLieOnTheSphereAndSamplesAroundThem() {
        let means = GaussianMixture.classMeans(classes: 3, dimension: 20, separation: 5, seed: 3)
        for k in 0..<3 {
            let norm = (0..<20).reduce(0.0) { $0 + Double(means[k, $1] * means[k, $1]) }.squareRoot()
            XCTAssertEqual(norm, 5, accuracy: 1e-5)
        }
        let data = GaussianMixture.make(classes: 3, perClass: 2000, dimension: 20, separation: 5, seed: 3)
        for k in 0..<3 {
            let rows = (0..<data.count).filter { data.labels[$0] == k }
            for j in 0..<20 {
                let mean = rows.reduce(0.0) { $0 + Double(data.features[$1, j]) } / Double(rows.count)
                XCTAssertEqual(mean, Double(means[k, j]), accuracy: 0.1, "class \(k) coordinate \(j)")
            }
            let variance = rows.reduce(0.0) { total, r in
                total + (0..<20).reduce(0.0) { $0 + pow(Double(data.features[r, $1] - means[k, $1]), 2) }
            } / Double(rows.count * 20)
            XCTAssertEqual(variance, 1, accuracy: 0.05)
        }
    }

    func testTestStreamSharesMeansButNotNoise() {
        let train = GaussianMixture.make(counts: [5, 5], dimension: 4, separation: 2, seed: 7, noiseStream: "train")
        let test = GaussianMixture.make(counts: [5, 5], dimension: 4, separation: 2, seed: 7, noiseStream: "test")
        XCTAssertNotEqual(train.features, test.features)
        XCTAssertEqual(train, GaussianMixture.make(classes: 2, perClass: 5, dimension: 4, separation: 2, seed: 7))
    }
}
