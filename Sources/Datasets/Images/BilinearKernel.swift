/// One axis of Pillow's antialiased bilinear resampling (`Image.resize(size, Image.BILINEAR)`,
/// which torchvision's `Resize` calls on PIL images), reproduced exactly:
///
/// - scale = inSize / outSize; the triangle filter's support is 1 × max(scale, 1), so when
///   shrinking every output pixel averages over `scale` input pixels on each side (antialiasing);
/// - output pixel `i` is centred at (i + 0.5) · scale in input coordinates; input pixel `x` sits
///   at x + 0.5; taps run from `Int(centre − support + 0.5)` to `Int(centre + support + 0.5)`
///   (C truncation), clipped to the image;
/// - weights are triangle(distance / max(scale, 1)), normalised to sum to 1 per output pixel;
/// - like Pillow's 8-bit path, normalised weights are turned into fixed point with 22 fractional
///   bits (rounded half away from zero), the weighted sum starts at 2^21 and is shifted right by 22
///   and clamped to 0…255, so every pass rounds half up to 8 bits.
///
/// A plain floating-point version (round-to-nearest of the exact weighted sum) agrees with this
/// except when the sum lies within about 1e-4 of a half, where it can differ by 1; the fixed-point
/// form is used so that results match Pillow bit for bit.
struct BilinearKernel: Sendable {
    /// Fractional bits of the fixed-point weights (Pillow's `PRECISION_BITS`).
    static let precisionBits = 22

    let inSize: Int
    let outSize: Int
    /// Taps per output pixel at most.
    let stride: Int
    /// First input pixel of each output pixel.
    let starts: [Int]
    /// Number of taps of each output pixel.
    let counts: [Int]
    /// Normalised weights, `stride` slots per output pixel.
    let weights: [Double]
    /// `weights` in fixed point.
    let fixedWeights: [Int]

    init(inSize: Int, outSize: Int) {
        self.inSize = inSize
        self.outSize = outSize
        let scale = Double(inSize) / Double(outSize)
        let filterScale = max(scale, 1.0)
        let support = 1.0 * filterScale
        let stride = Int(support.rounded(.up)) * 2 + 1
        let inverse = 1.0 / filterScale
        var starts = [Int](repeating: 0, count: outSize)
        var counts = [Int](repeating: 0, count: outSize)
        var weights = [Double](repeating: 0, count: outSize * stride)
        for i in 0..<outSize {
            let centre = (Double(i) + 0.5) * scale
            let first = max(Int(centre - support + 0.5), 0)
            let last = min(Int(centre + support + 0.5), inSize)
            let taps = min(max(last - first, 0), stride)
            var total = 0.0
            for k in 0..<taps {
                let w = BilinearKernel.triangle((Double(k + first) - centre + 0.5) * inverse)
                weights[i * stride + k] = w
                total += w
            }
            if total != 0 {
                for k in 0..<taps { weights[i * stride + k] /= total }
            }
            starts[i] = first
            counts[i] = taps
        }
        let one = Double(1 << BilinearKernel.precisionBits)
        self.stride = stride
        self.starts = starts
        self.counts = counts
        self.weights = weights
        self.fixedWeights = weights.map { $0 < 0 ? Int(-0.5 + $0 * one) : Int(0.5 + $0 * one) }
    }

    /// The triangle (bilinear) filter: 1 − |x| on (−1, 1), 0 elsewhere.
    static func triangle(_ x: Double) -> Double {
        let a = abs(x)
        return a < 1 ? 1 - a : 0
    }

    /// Pillow's `clip8`: the fixed-point sum shifted down to 8 bits, clamped to 0…255.
    @inline(__always)
    static func clip8(_ sum: Int) -> UInt8 {
        if sum <= 0 { return 0 }
        if sum >= 256 << precisionBits { return 255 }
        return UInt8(truncatingIfNeeded: sum >> precisionBits)
    }
}
