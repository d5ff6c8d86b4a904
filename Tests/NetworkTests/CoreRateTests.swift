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
        // 37 values: whole vectors of 16 and of 8 and a scalar tail, on a slice that starts off a vector boundary.
        let count = 40
        var a = (0..<count).map { Float($0) }
        let b = (0..<count).map { Float($0 % 7) }, c = [Float](repeating: 2, count: count)
        a.withUnsafeMutableBufferPointer { pa in
            StreamRate.streamPass(pa.baseAddress!, b, c, 1..<38)
        }
        let expected: [Float] = (0..<count).map { (i: Int) -> Float in
            let x = Float(i), y = Float(i % 7)
            return (1..<38).contains(i) ? x * 0.5 + y * 2 : x
        }
        XCTAssertEqual(a, expected)
        for threads in [1, 2] {
            let rate = StreamRate.measure(threads: threads, values: 1 << 16, seconds: 0.02)
            XCTAssertTrue(rate.isFinite && rate > 0, "\(threads) threads: \(rate) GB/s")
        }
    }
}
