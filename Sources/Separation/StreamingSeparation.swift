import Linalg

/// D, NC1 and nearest-class-centre accuracy of one layer from features streamed in blocks of rows, so that
/// layers larger than memory (n = 50,000 points × p = 65,536 features) are measured in bounded memory.
///
/// Two passes over the source: (1) class counts and Float64 class sums; (2) each block of rows, widened to
/// Float64, is class-centred and projected onto the kept directions of SS_b (and of NC1's Σ_B) and scored
/// against the class means, tile by tile. D follows exactly the operations of `SeparationFuzziness` in the
/// same order — the same sums in the same row order, the same 64 × 1024 tiles handed to the same GEMM, the
/// same running sum of squares — so it is bit for bit the in-memory value (tested).
///
/// **Memory.** Besides the labels (8n bytes), Float64 arrays of K·p values: the class means, the present
/// classes' means for scoring, the two projectors (≤ K·p each), each also copied once into the pass's pointer
/// buffers — about 8·K·p·8 bytes —, plus B and its SVD (about 3·K·p, freed before pass 2); one block of
/// `blockRows × p` values as read (Float32, or Float64 for float64 files; 32 MiB by default, the file reader
/// keeps the block's raw bytes as well) and the 64 × 1024 Float64 tiles (1 MiB). At K = 10, p = 65,536 and a
/// float16 file: 42 MiB + 32 MiB + 16 MiB.
public enum StreamingSeparation {
    /// Rows per block read from the source: a multiple of 64 (the projection tile) with about `bytes` of values.
    public static func blockRows(dimension p: Int, bytesPerValue: Int, bytes: Int = 32 << 20) -> Int {
        let rows = bytes / max(1, p * bytesPerValue)
        return max(64, rows / 64 * 64)
    }

    /// Measures the layer in `source` with `labels` (one per row, in 0..<classCount).
    /// `related` also computes NC1 and nearest-class-centre accuracy (two more products per tile).
    public static func measure(_ source: some FeatureRowSource, labels: [Int], classCount: Int,
                               related: Bool = true, blockRows: Int? = nil,
                               relativeTolerance: Double? = nil) throws -> StreamedLayerMeasures {
        if source.needsDouble {
            return try run(Double.self, source, labels: labels, classCount: classCount, related: related,
                           blockRows: blockRows, relativeTolerance: relativeTolerance)
        }
        return try run(Float.self, source, labels: labels, classCount: classCount, related: related,
                       blockRows: blockRows, relativeTolerance: relativeTolerance)
    }

    private static func read<Scalar: FeatureScalar>(_ source: some FeatureRowSource, _ rows: Range<Int>,
                                                    into buffer: UnsafeMutableBufferPointer<Scalar>) throws {
        if Scalar.self == Double.self {
            try source.readRows(rows, into: UnsafeMutableRawBufferPointer(buffer).bindMemory(to: Double.self))
        } else {
            try source.readRows(rows, into: UnsafeMutableRawBufferPointer(buffer).bindMemory(to: Float.self))
        }
    }

    private static func run<Scalar: FeatureScalar>(
        _: Scalar.Type, _ source: some FeatureRowSource, labels: [Int], classCount: Int, related: Bool,
        blockRows requested: Int?, relativeTolerance: Double?
    ) throws -> StreamedLayerMeasures {
        let n = source.count, p = source.dimension
        guard n > 0, p > 0 else { throw SeparationError.emptyInput(count: n, dimension: p) }
        let (total, overflow) = n.multipliedReportingOverflow(by: p)
        guard !overflow, total < 1 << 50 else { throw SeparationError.featureCountMismatch(count: n, dimension: p, found: 0) }
        guard labels.count == n else { throw SeparationError.labelCountMismatch(expected: n, found: labels.count) }
        guard classCount >= 2 else { throw SeparationError.invalidClassCount(classCount) }
        if let index = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw SeparationError.labelOutOfRange(index: index, label: labels[index], classCount: classCount)
        }
        if let tolerance = relativeTolerance, !(tolerance.isFinite && tolerance >= 0 && tolerance < 1) {
            throw SeparationError.invalidTolerance(tolerance)
        }
        let rowsPerBlock = max(64, (requested ?? blockRows(dimension: p, bytesPerValue: MemoryLayout<Scalar>.size)) / 64 * 64)
        let blockCount = min(rowsPerBlock, n)
        let block = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: blockCount * p)
        defer { block.deallocate() }

        // Pass 1: class counts and sums, row by row in order (as ClassMeans).
        var counts = [Int](repeating: 0, count: classCount)
        var sums = [Double](repeating: 0, count: classCount * p)
        var start = 0
        while start < n {
            let rows = min(blockCount, n - start)
            try read(source, start..<(start + rows), into: block)
            sums.withUnsafeMutableBufferPointer { sums in
                for local in 0..<rows {
                    let label = labels[start + local]
                    counts[label] += 1
                    Scalar.accumulate(block.baseAddress! + local * p, into: sums.baseAddress! + label * p, count: p)
                }
            }
            start += rows
        }
        if let index = sums.firstIndex(where: { !$0.isFinite }) {
            throw SeparationError.linearAlgebraFailed("the class sums overflow Float64 (class \(index / p), feature \(index % p))")
        }
        let present = (0..<classCount).filter { counts[$0] > 0 }
        guard present.count >= 2 else { throw SeparationError.tooFewClassesPresent(present.count) }
        var global = [Double](repeating: 0, count: p)
        for k in present { for j in 0..<p { global[j] += sums[k * p + j] } }
        for j in 0..<p { global[j] /= Double(n) }
        for k in present { for j in 0..<p { sums[k * p + j] /= Double(counts[k]) } }
        let means = sums
        sums = []

        // The kept directions of SS_b (D) and of the unweighted Σ_B (NC1).
        let presentCount = present.count
        let tolerance = relativeTolerance ?? SeparationFuzziness.defaultRelativeTolerance(dimension: p, presentClasses: presentCount)
        func projector(weight: (Int) -> Double, tolerance: Double) throws(SeparationError) -> BetweenClassProjector {
            var b = Matrix<Double>(rows: p, cols: presentCount)
            for (r, k) in present.enumerated() {
                let w = weight(k)
                for j in 0..<p { b.storage[j * presentCount + r] = w * (means[k * p + j] - global[j]) }
            }
            return try BetweenClassProjector(between: b, relativeTolerance: tolerance)
        }
        let fuzzinessBasis = try projector(weight: { (Double(counts[$0]) / Double(n)).squareRoot() }, tolerance: tolerance)
        let collapseBasis: BetweenClassProjector? = related
            ? try? projector(weight: { _ in 1 / Double(presentCount).squareRoot() },
                             tolerance: SeparationFuzziness.defaultRelativeTolerance(dimension: p, presentClasses: presentCount))
            : nil
        // Present classes' means, row-major (presentCount × p), and their squared norms, for nearest-centre scores.
        var presentMeans = [Double](repeating: 0, count: related ? presentCount * p : 0)
        var norms = [Double](repeating: 0, count: presentCount)
        if related {
            for (r, k) in present.enumerated() {
                for j in 0..<p {
                    presentMeans[r * p + j] = means[k * p + j]
                    norms[r] += means[k * p + j] * means[k * p + j]
                }
            }
        }

        // Pass 2: 64 × 1024 tiles, exactly as SeparationFuzziness tiles the in-memory features.
        let tileRows = SeparationFuzziness.Blocking.standard.rows
        let tileColumns = min(p, SeparationFuzziness.Blocking.standard.columns)
        let rank = fuzzinessBasis.rank, collapseRank = collapseBasis?.rank ?? 0
        let scratch = Scratch(tile: tileRows * tileColumns, projected: tileRows * rank,
                              collapsed: tileRows * collapseRank, scores: tileRows * presentCount, zeros: tileColumns)
        defer { scratch.deallocate() }
        let meanBase = UnsafeMutableBufferPointer<Double>.allocate(capacity: means.count)
        defer { meanBase.deallocate() }
        _ = meanBase.initialize(from: means)
        let fuzzinessRows = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, fuzzinessBasis.rows.count))
        defer { fuzzinessRows.deallocate() }
        _ = fuzzinessRows.initialize(from: fuzzinessBasis.rows)
        let collapseRows = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, collapseBasis?.rows.count ?? 0))
        defer { collapseRows.deallocate() }
        if let collapseBasis { _ = collapseRows.initialize(from: collapseBasis.rows) }
        let meanRows = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(1, presentMeans.count))
        defer { meanRows.deallocate() }
        _ = meanRows.initialize(from: presentMeans)

        var sumOfSquares = 0.0, collapseSum = 0.0, correct = 0
        start = 0
        while start < n {
            let rows = min(blockCount, n - start)
            try read(source, start..<(start + rows), into: block)
            var first = 0
            while first < rows {
                let count = min(tileRows, rows - first)
                var column = 0
                while column < p {
                    let width = min(tileColumns, p - column)
                    for local in 0..<count {
                        let row = UnsafePointer(block.baseAddress! + (first + local) * p + column)
                        let label = labels[start + first + local]
                        Scalar.centre(row, mean: meanBase.baseAddress! + label * p + column,
                                      into: scratch.tile + local * width, count: width)
                        if related { Scalar.centre(row, mean: scratch.zeros, into: scratch.raw + local * width, count: width) }
                    }
                    BLAS.gemm(.none, .transpose, m: count, n: rank, k: width, a: scratch.tile, lda: width,
                              b: fuzzinessRows.baseAddress! + column, ldb: p,
                              beta: column == 0 ? 0 : 1, c: scratch.projected, ldc: rank)
                    if collapseRank > 0 {
                        BLAS.gemm(.none, .transpose, m: count, n: collapseRank, k: width, a: scratch.tile, lda: width,
                                  b: collapseRows.baseAddress! + column, ldb: p,
                                  beta: column == 0 ? 0 : 1, c: scratch.collapsed, ldc: collapseRank)
                    }
                    if related {
                        BLAS.gemm(.none, .transpose, m: count, n: presentCount, k: width, a: scratch.raw, lda: width,
                                  b: meanRows.baseAddress! + column, ldb: p,
                                  beta: column == 0 ? 0 : 1, c: scratch.scores, ldc: presentCount)
                    }
                    column += width
                }
                for e in 0..<(count * rank) { sumOfSquares += scratch.projected[e] * scratch.projected[e] }
                for e in 0..<(count * collapseRank) { collapseSum += scratch.collapsed[e] * scratch.collapsed[e] }
                if related {
                    for local in 0..<count {
                        var best = -1, bestScore = Double.infinity
                        for (r, k) in present.enumerated() {
                            let score = norms[r] - 2 * scratch.scores[local * presentCount + r]
                            if score < bestScore {
                                bestScore = score
                                best = k
                            }
                        }
                        if best == labels[start + first + local] { correct += 1 }
                    }
                }
                first += count
            }
            start += rows
        }
        return StreamedLayerMeasures(
            fuzziness: sumOfSquares / Double(n),
            nc1: collapseBasis.map { _ in collapseSum / Double(n) / Double(presentCount) },
            nccAccuracy: related ? Double(correct) / Double(n) : nil)
    }

    /// The Float64 work buffers of the projected pass.
    private struct Scratch {
        let tile, raw, projected, collapsed, scores, zeros: UnsafeMutablePointer<Double>

        init(tile tileCount: Int, projected: Int, collapsed: Int, scores: Int, zeros: Int) {
            func zeroed(_ count: Int) -> UnsafeMutablePointer<Double> {
                let pointer = UnsafeMutablePointer<Double>.allocate(capacity: max(1, count))
                pointer.initialize(repeating: 0, count: max(1, count))
                return pointer
            }
            tile = zeroed(tileCount)
            raw = zeroed(tileCount)
            self.projected = zeroed(projected)
            self.collapsed = zeroed(collapsed)
            self.scores = zeroed(scores)
            self.zeros = zeroed(zeros)
        }

        func deallocate() {
            for pointer in [tile, raw, projected, collapsed, scores, zeros] { pointer.deallocate() }
        }
    }
}
