import Dispatch

/// The threads one job's layers share: a layer splits its work into `count` fixed parts (part i always gets the
/// same slice of images or channels) and sums across parts in part order, so a result depends on the thread count
/// but never on scheduling. One thread (the default) runs every part inline, exactly as before.
public final class ThreadTeam: @unchecked Sendable {
    /// Parts, one per thread.
    public let count: Int

    /// The team every layer starts with: one thread.
    public static let single = ThreadTeam(threads: 1)

    public init(threads: Int) {
        count = max(1, threads)
    }

    /// Calls `body(part)` for every part in 0..<count, concurrently when count > 1; returns when all are done.
    func run(_ body: (Int) -> Void) {
        if count == 1 { return body(0) }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBody(body)
            DispatchQueue.concurrentPerform(iterations: count) { shared.body($0) }
        }
    }

    /// Calls `body(slice)` for consecutive slices covering 0..<total, one per part and concurrently, when every part
    /// gets at least `grain` elements; otherwise once, inline, with the whole range. For work whose every element is
    /// computed on its own (an element-wise pass, disjoint rows of a product), so its bits never depend on the split.
    func forEachSlice(of total: Int, grain: Int = ThreadTeam.elementGrain, _ body: (Range<Int>) -> Void) {
        guard count > 1, total >= grain * count else { return body(0..<max(total, 0)) }
        let slices = ranges(total)
        run { body(slices[$0]) }
    }

    /// Splits a product's output, `rows` × `columns` units of `columnValues` values each (`work` multiply-adds per
    /// value), along its longer side and calls `body(rows, columns)` for each part's block, as ``forEachSlice``.
    /// C = A·B split by rows makes every thread read all of B, split by columns all of A: the longer side of C goes
    /// with the larger operand, so each part reads its own slice of it (a 4096 × 4096 weight split 16 ways, not
    /// streamed 16 times for 8 images each). Every value is still computed whole by one thread.
    func forEachBlock(rows: Int, columns: Int, columnValues: Int = 1, work: Int,
                      _ body: (_ rows: Range<Int>, _ columns: Range<Int>) -> Void) {
        let rowValues = columns * columnValues
        if rowValues > rows {
            forEachSlice(of: columns, grain: Self.rowGrain(rowWork: rows * columnValues * work)) { body(0..<rows, $0) }
        } else {
            forEachSlice(of: rows, grain: Self.rowGrain(rowWork: rowValues * work)) { body($0, 0..<columns) }
        }
    }

    /// The fewest elements of an element-wise pass worth handing to another thread (a few tens of microseconds of
    /// memory traffic against a few microseconds to wake a thread).
    static let elementGrain = 1 << 14

    /// target[i] += source[i] for i in 0..<count, in slices across the team (each value added by one thread, so the
    /// bits are those of one thread).
    func add<Scalar: NetworkScalar>(_ source: UnsafePointer<Scalar>, into target: UnsafeMutablePointer<Scalar>, count: Int) {
        forEachSlice(of: count) { slice in
            for i in slice { target[i] += source[i] }
        }
    }

    /// The fewest rows of an element-wise pass or copy worth handing to another thread when each row holds
    /// `rowValues` values.
    static func rowGrain(rowValues: Int) -> Int { max(1, elementGrain / max(rowValues, 1)) }

    /// The fewest rows of a product worth handing to another thread when each row costs `rowWork` multiply-adds
    /// (about a million multiply-adds per part, some tens of microseconds).
    static func rowGrain(rowWork: Int) -> Int { max(1, (1 << 20) / max(rowWork, 1)) }

    /// `count` nearly equal consecutive ranges covering 0..<total (the first ones one larger), some empty when total < count.
    func ranges(_ total: Int) -> [Range<Int>] {
        let (base, extra) = max(total, 0).quotientAndRemainder(dividingBy: count)
        var start = 0
        return (0..<count).map { part in
            let size = base + (part < extra ? 1 : 0)
            defer { start += size }
            return start..<(start + size)
        }
    }
}

/// A part body handed to the worker threads: every part touches disjoint memory or only reads shared memory.
private struct UncheckedBody: @unchecked Sendable {
    let body: (Int) -> Void
    init(_ body: @escaping (Int) -> Void) { self.body = body }
}
