import CKernels
import XCTest
@testable import Network

/// The register-only probe behind `seplaw bench --threaded`'s "cores' speed-up": it computes the recurrence it
/// claims (so its flop count is honest), and its rate is positive on one and on two threads; the same for the
/// streaming pass behind "memory's speed-up".
final class CoreRateTests: XCTestCase {
    func testTheProbeRunsItsRecurrence() {
        let iterations = 1000
        var flopsPerIteration = 0
        let sum = seplaw_core_probe(iterations, &flopsPerIteration)
        let lanes = flopsPerIteration / (12 * 2)
        XCTAssertTrue([8, 16].contains(lanes), "\(flopsPerIteration) flops a round")
        // Accumulator i starts at i and becomes a·0.999999 + 1e-7 each round, in every lane (fused where the CPU has
        // FMA, as the probe runs it).
        let fused = seplaw_vector_level() >= Int32(SEPLAW_VECTOR_AVX2)
        var expected = 0.0
        for i in 0..<12 {
            var a = Float(i)
            for _ in 0..<iterations { a = fused ? Float(1e-7).addingProduct(a, 0.999999) : a * 0.999999 + 1e-7 }
            expected += Double(a) * Double(lanes)
        }
        XCTAssertEqual(Double(sum), expected, accuracy: 1e-6 * expected)
    }

    func testTheRateIsPositiveOnOneAndTwoThreads() {
        for threads in [1, 2] {
            let rate = CoreRate.measure(threads: threads, seconds: 0.02)
            XCTAssertTrue(rate.isFinite && rate > 0, "\(threads) threads: \(rate) GFLOP/s")
        }
    }

    func testTheStreamPassComputesItsFormulaOnEverySlice() {
        var a: [Float] = [1, 2, 3, 4, 5]
        let b: [Float] = [1, 2, 3, 4, 5], c: [Float] = [2, 2, 2, 2, 2]
        a.withUnsafeMutableBufferPointer { pa in
            StreamRate.streamPass(pa.baseAddress!, b, c, 1..<4)
        }
        XCTAssertEqual(a, [1, 1 + 4, 1.5 + 6, 2 + 8, 5])
        for threads in [1, 2] {
            let rate = StreamRate.measure(threads: threads, values: 1 << 16, seconds: 0.02)
            XCTAssertTrue(rate.isFinite && rate > 0, "\(threads) threads: \(rate) GB/s")
        }
    }
}
