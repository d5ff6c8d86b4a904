/// Collects, while a spec expands, the values that produced a job already planned, and words them as
/// warnings naming the key: grid values that do not change the job (`train.momentum` with plain SGD) or
/// are repeated, cases that repeat another case, seeds listed twice.
struct CollapseReport {
    /// Grid key → (first example of two values that gave the same job, jobs dropped).
    private var gridKeys: [String: (first: String, second: String, count: Int)] = [:]
    private var gridOrder: [String] = []
    /// (earlier case, later case) → jobs dropped.
    private var casePairs: [Pair: Int] = [:]
    private var caseOrder: [Pair] = []
    private var repeatedSeeds = 0

    private struct Pair: Hashable {
        let earlier: Int
        let later: Int
    }

    /// Records that the job at `later` (case × combinations + combination) repeats the one at `earlier`.
    mutating func note(earlier: Int, later: Int, combinations: Int, document: SpecDocument) {
        let earlierCase = earlier / combinations, laterCase = later / combinations
        if earlierCase != laterCase {
            let pair = Pair(earlier: earlierCase, later: laterCase)
            if casePairs[pair] == nil { caseOrder.append(pair) }
            casePairs[pair, default: 0] += 1
            return
        }
        if earlier == later {
            repeatedSeeds += 1
            return
        }
        let a = Self.odometer(earlier % combinations, document.grid), b = Self.odometer(later % combinations, document.grid)
        for (index, axis) in document.grid.enumerated() where a[index] != b[index] {
            if let entry = gridKeys[axis.key] {
                gridKeys[axis.key] = (entry.first, entry.second, entry.count + 1)
            } else {
                gridOrder.append(axis.key)
                gridKeys[axis.key] = (axis.values[a[index]].found, axis.values[b[index]].found, 1)
            }
        }
    }

    /// One warning per key (grid), case pair and for the seeds, in the order first seen.
    func warnings(seeds: [UInt64]) -> [String] {
        var out: [String] = []
        for key in gridOrder {
            guard let entry = gridKeys[key] else { continue }
            let why = entry.first == entry.second
                ? "the value \(entry.first) is listed twice"
                : "\(key) has no effect on these jobs (it does not apply to their other settings, as train.momentum "
                    + "applies only to optimizer momentum)"
            out.append("grid.\(key): the values \(entry.first) and \(entry.second) give the same job: \(why); "
                       + "\(entry.count) duplicate job\(entry.count == 1 ? "" : "s") dropped")
        }
        for pair in caseOrder {
            let count = casePairs[pair] ?? 0
            out.append("cases[\(pair.later)]: gives the same job\(count == 1 ? "" : "s") as cases[\(pair.earlier)] "
                       + "(its keys do not change them); \(count) duplicate job\(count == 1 ? "" : "s") dropped")
        }
        if repeatedSeeds > 0 {
            out.append("seeds: a seed is listed more than once; \(repeatedSeeds) duplicate job\(repeatedSeeds == 1 ? "" : "s") dropped")
        }
        return out
    }

    /// The value index of each grid axis at `combination` (the last axis varies fastest).
    private static func odometer(_ combination: Int, _ grid: [SpecDocument.Axis]) -> [Int] {
        var indices = [Int](repeating: 0, count: grid.count)
        var rest = combination
        for axis in stride(from: grid.count - 1, through: 0, by: -1) {
            let count = max(grid[axis].values.count, 1)
            indices[axis] = rest % count
            rest /= count
        }
        return indices
    }
}
