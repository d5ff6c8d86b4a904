import Linalg

extension Conv2d where Scalar == Float {
    /// Times `repetitions` forward + backward passes at `batch` (after one untimed warm-up) on seeded
    /// normal input and output gradient; returns the per-pass means.
    func measureTiming(batch: Int, repetitions: Int = 5, seed: UInt64 = 1) -> ConvolutionTiming {
        precondition(batch > 0 && batch <= maxBatch && repetitions > 0)
        var generator = SeededGenerator(seed: seed)
        let x = (0..<(batch * inputShape.count)).map { _ in Float(generator.normal()) }
        let dy = (0..<(batch * outputShape.count)).map { _ in Float(generator.normal()) }
        let clock = ContinuousClock()
        var forwardTime = Duration.zero, backwardTime = Duration.zero
        x.withUnsafeBufferPointer { px in
            dy.withUnsafeBufferPointer { pdy in
                _ = forward(px.baseAddress!, batch: batch)
                _ = backward(pdy.baseAddress!, batch: batch)
                for _ in 0..<repetitions {
                    let start = clock.now
                    _ = forward(px.baseAddress!, batch: batch)
                    let middle = clock.now
                    _ = backward(pdy.baseAddress!, batch: batch)
                    forwardTime += middle - start
                    backwardTime += clock.now - middle
                }
            }
        }
        return ConvolutionTiming(forwardFlops: forwardFlopsPerExample * Double(batch),
                                 forwardSeconds: forwardTime.inSeconds / Double(repetitions),
                                 backwardSeconds: backwardTime.inSeconds / Double(repetitions))
    }
}
