import XCTest
import Linalg
@testable import Network

extension XCTestCase {
    /// Checks input and parameter gradients of `forward` / `backward` against central finite differences
    /// of `Σ y ⊙ R` for a random R (a nil input gradient from `backward` skips the input check).
    /// The differences' rounding noise grows with |Σ y ⊙ R| (about 1e-10 of it): layers with hundreds of
    /// outputs need a `tolerance` above the default.
    func check(inputCount: Int, outputCount: Int, parameters: [Parameter<Double>], tolerance: Double = 1e-6,
               forward: (UnsafePointer<Double>) -> UnsafePointer<Double>,
               backward: (UnsafePointer<Double>) -> UnsafePointer<Double>?,
               file: StaticString = #filePath, line: UInt = #line) {
        let input = UnsafeMutablePointer<Double>.allocate(capacity: inputCount)
        defer { input.deallocate() }
        input.initialize(from: FiniteDifference.random(inputCount, seed: 1), count: inputCount)
        let weights = FiniteDifference.random(outputCount, seed: 2)
        func loss() -> Double {
            let y = forward(input)
            return (0..<outputCount).reduce(0) { $0 + y[$1] * weights[$1] }
        }
        _ = loss()
        let analyticInput: [Double]? = weights.withUnsafeBufferPointer { r in
            backward(r.baseAddress!).map { Array(UnsafeBufferPointer(start: $0, count: inputCount)) }
        }
        let analyticParameters = parameters.map { Array($0.gradient.buffer) }
        if let analyticInput {
            let numeric = FiniteDifference.gradient(of: input, count: inputCount, loss: loss)
            XCTAssertLessThan(FiniteDifference.maxRelativeError(analyticInput, numeric), tolerance, "input gradient", file: file, line: line)
        }
        for (parameter, analytic) in zip(parameters, analyticParameters) {
            let numeric = FiniteDifference.gradient(of: parameter.value.pointer, count: parameter.count, loss: loss)
            XCTAssertLessThan(FiniteDifference.maxRelativeError(analytic, numeric), tolerance, parameter.name, file: file, line: line)
        }
    }
}
