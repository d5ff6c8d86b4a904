/// A spec file's structure after key checking, before expansion: the base values of each leaf key,
/// the grid axes, the cases and the seeds.
struct SpecDocument {
    /// One grid axis: a leaf key and its values.
    struct Axis {
        var key: String
        var values: [SpecNode]
        /// `.grid`, or the command-line override that set the axis.
        var origin: SpecOrigin = .grid
    }

    let file: String
    var name: String?
    var description: String?
    /// Base leaf values from the sections, keyed by dotted key.
    var base: [String: SourcedValue] = [:]
    var grid: [Axis] = []
    /// Each case's overrides in file order; one empty case when there is no `cases:`.
    var cases: [[(key: String, node: SpecNode)]] = [[]]
    var seeds: [UInt64] = [0]
    /// Keys drawn at random per trial (`sample:`), how many trials, and the seed of the draws.
    var samples: [SampleAxis] = []
    var trials: Int?
    var sampleSeed: UInt64 = 0

    init(yaml: String, file: String) throws(SpecError) {
        self.file = file
        let root = try SpecNode.parseYAML(yaml, file: file)
        var top: [SpecEntry] = []
        if let root {
            switch root.value {
            case .null: break
            case .map(let entries): top = entries
            default:
                throw SpecError(file: file, key: nil,
                                message: "expected a mapping of keys (name, dataset, model, train, …) at the top level, "
                                    + "found \(root.found)", line: root.line)
            }
        }
        if top.isEmpty {
            throw SpecError(file: file, key: nil,
                            message: "the spec is empty: it would plan one job of every default (fashion-mnist, gfnn, "
                                + "600 epochs); write at least name: and the dataset, model and train settings "
                                + "(see Configs/README.md)", line: root?.line)
        }
        var seedNode: SpecEntry?
        var seedsNode: SpecEntry?
        for entry in top {
            switch entry.key {
            case "name":
                name = try scalarText(entry, what: "a non-empty string")
            case "description":
                description = try scalarText(entry, what: "a string")
            case "dataset", "model", "train", "measure":
                try readSection(entry)
            case "seed": seedNode = entry
            case "seeds": seedsNode = entry
            case "grid": try readGrid(entry)
            case "cases": try readCases(entry)
            case "sample": try readSample(entry)
            case "trials": trials = try count(entry.node, key: "trials", range: 1...SweepSpec.maximumJobs, line: entry.line)
            case "sample_seed":
                sampleSeed = UInt64(try count(entry.node, key: "sample_seed", range: 0...Int.max, line: entry.line))
            default:
                if SpecKeys.isLeaf(entry.key) {
                    let parts = entry.key.split(separator: ".")
                    throw SpecError(file: file, key: entry.key,
                                    message: "unknown key; dotted keys belong in grid or cases "
                                        + "(write \(parts[0]): {\(parts[1]): …})", line: entry.line)
                }
                throw SpecError(file: file, key: entry.key,
                                message: SpecKeys.unknownKeyMessage(entry.key, among: SpecKeys.topLevel + SpecKeys.leafKeys),
                                line: entry.line)
            }
        }
        try readSeeds(seed: seedNode, seeds: seedsNode)
    }

    func scalarText(_ entry: SpecEntry, what: String) throws(SpecError) -> String? {
        switch entry.node.value {
        case .null: return nil
        case .string(let text): return text
        case .int, .float, .bigInt, .bool: return entry.node.text
        default:
            throw SpecError(file: file, key: entry.key, message: "expected \(what), found \(entry.node.found)",
                            line: entry.node.line ?? entry.line)
        }
    }

    private mutating func readSection(_ entry: SpecEntry) throws(SpecError) {
        let leaves = SpecKeys.leaves(of: entry.key) ?? []
        let entries: [SpecEntry]
        switch entry.node.value {
        case .null: entries = []
        case .map(let items): entries = items
        default:
            throw SpecError(file: file, key: entry.key,
                            message: "expected a mapping of \(entry.key) settings, found \(entry.node.found)",
                            line: entry.node.line ?? entry.line)
        }
        for item in entries {
            let dotted = "\(entry.key).\(item.key)"
            guard leaves.contains(item.key) else {
                throw SpecError(file: file, key: dotted,
                                message: SpecKeys.unknownKeyMessage(dotted, among: SpecKeys.leafKeys),
                                line: item.line)
            }
            base[dotted] = SourcedValue(node: item.node, origin: .file)
        }
    }

    /// Checks that a grid or case key names an overridable leaf.
    func checkOverrideKey(_ key: String, in context: String, line: Int?) throws(SpecError) {
        let location = "\(context).\(key)"
        if SpecKeys.isLeaf(key) { return }
        if key == "seed" || key == "seeds" {
            throw SpecError(file: file, key: location,
                            message: "seeds cannot be varied in \(context.hasPrefix("cases") ? "cases" : "grid"); "
                                + "list them under the top-level seeds: key", line: line)
        }
        if key == "name" || key == "description" {
            throw SpecError(file: file, key: location, message: "\(key) is not a job parameter", line: line)
        }
        if let leaves = SpecKeys.leaves(of: key) {
            throw SpecError(file: file, key: location,
                            message: "expected a dotted leaf key such as \(key).\(leaves[0]), found the section \(key)",
                            line: line)
        }
        throw SpecError(file: file, key: location,
                        message: SpecKeys.unknownKeyMessage(key, among: SpecKeys.leafKeys), line: line)
    }

    private mutating func readGrid(_ entry: SpecEntry) throws(SpecError) {
        let entries: [SpecEntry]
        switch entry.node.value {
        case .null: entries = []
        case .map(let items): entries = items
        default:
            throw SpecError(file: file, key: "grid",
                            message: "expected a mapping of dotted keys to lists of values, found \(entry.node.found)",
                            line: entry.node.line ?? entry.line)
        }
        for item in entries {
            try checkOverrideKey(item.key, in: "grid", line: item.line)
            guard case .list(let values) = item.node.value, !values.isEmpty else {
                throw SpecError(file: file, key: "grid.\(item.key)",
                                message: "expected a non-empty list of values, found \(item.node.found)",
                                line: item.node.line ?? item.line)
            }
            grid.append(Axis(key: item.key, values: values))
        }
    }

    private mutating func readCases(_ entry: SpecEntry) throws(SpecError) {
        guard case .list(let items) = entry.node.value, !items.isEmpty else {
            throw SpecError(file: file, key: "cases",
                            message: "expected a non-empty list of mappings (dotted key → value), found \(entry.node.found)",
                            line: entry.node.line ?? entry.line)
        }
        var result: [[(key: String, node: SpecNode)]] = []
        for (index, item) in items.enumerated() {
            let context = "cases[\(index)]"
            let entries: [SpecEntry]
            switch item.value {
            case .null: entries = []
            case .map(let pairs): entries = pairs
            default:
                throw SpecError(file: file, key: context,
                                message: "expected a mapping of dotted keys to values, found \(item.found)",
                                line: item.line)
            }
            var overrides: [(key: String, node: SpecNode)] = []
            for pair in entries {
                try checkOverrideKey(pair.key, in: context, line: pair.line)
                overrides.append((pair.key, pair.node))
            }
            result.append(overrides)
        }
        cases = result
    }

    mutating func readSeeds(seed: SpecEntry?, seeds: SpecEntry?) throws(SpecError) {
        let range = 0...Int.max
        func seedValue(_ node: SpecNode, key: String) throws(SpecError) -> UInt64 {
            guard let value = node.intValue, range.contains(value), let seed = UInt64(exactly: value) else {
                throw SpecError(file: file, key: key,
                                message: "expected \(ValueReader.describe(range)), found \(node.found)", line: node.line)
            }
            return seed
        }
        var single: UInt64 = 0
        if let seed { single = try seedValue(seed.node, key: "seed") }
        guard let seeds else {
            self.seeds = [single]
            return
        }
        guard case .list(let items) = seeds.node.value, !items.isEmpty else {
            throw SpecError(file: file, key: "seeds",
                            message: "expected a non-empty list of \(ValueReader.describe(range).replacingOccurrences(of: "an integer", with: "integers")), "
                                + "found \(seeds.node.found)", line: seeds.node.line ?? seeds.line)
        }
        var result: [UInt64] = []
        for (index, item) in items.enumerated() {
            result.append(try seedValue(item, key: "seeds[\(index)]"))
        }
        self.seeds = result
    }

    /// What `expand()` produced.
    struct Expansion {
        /// The jobs in order, without repeated identities.
        var jobs: [JobSpec]
        /// Each job's id, in the same order.
        var ids: [String]
        /// Where each job's model comes from (by `SweepSpec.sourceKey`), for the engine's errors about a network
        /// that does not fit its data.
        var modelSources: [String: SpecLocation]
        /// Values that changed nothing: grid values giving the same job as another, repeated seeds.
        var warnings: [String]
    }

    /// Expands cases × grid × trials × seeds into validated jobs, dropping repeated jobs (same id and data location)
    /// with a warning naming the key whose values collapsed; base values a grid or case overrides are checked too.
    func expand() throws(SpecError) -> Expansion {
        try checkSampling()
        let trialCount = trials ?? 1
        let gridKeys = Set(grid.map(\.key))
        for (index, overrides) in cases.enumerated() {
            for override in overrides where gridKeys.contains(override.key) {
                throw SpecError(file: file, key: "cases[\(index)].\(override.key)",
                                message: "\(override.key) is also varied in grid; set a key in grid or in cases, not both",
                                line: override.node.line)
            }
        }
        var combinations = 1
        for axis in grid {
            let (product, overflow) = combinations.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, product <= SweepSpec.maximumJobs else {
                throw SpecError(file: file, key: "grid",
                                message: "expands to more than \(SweepSpec.maximumJobs) combinations")
            }
            combinations = product
        }
        let (points, pointsOverflow) = (cases.count * combinations).multipliedReportingOverflow(by: trialCount)
        let (total, overflow) = points.multipliedReportingOverflow(by: seeds.count)
        guard !pointsOverflow, !overflow, total <= SweepSpec.maximumJobs else {
            throw SpecError(file: file, key: nil,
                            message: "cases × grid × trials × seeds expands to more than \(SweepSpec.maximumJobs) jobs")
        }

        var jobs: [JobSpec] = []
        var ids: [String] = []
        var modelSources: [String: SpecLocation] = [:]
        /// Identity → (case × combinations + combination) of the first job with it.
        var firstSeen: [String: Int] = [:]
        jobs.reserveCapacity(total)
        ids.reserveCapacity(total)
        modelSources.reserveCapacity(total)
        firstSeen.reserveCapacity(total)
        var collapse = CollapseReport()
        for (caseIndex, overrides) in cases.enumerated() {
            var caseValues = base
            for override in overrides {
                caseValues[override.key] = SourcedValue(node: override.node, origin: .caseIndex(caseIndex))
            }
            var odometer = [Int](repeating: 0, count: grid.count)
            for combination in 0..<combinations {
                var values = caseValues
                for (axisIndex, axis) in grid.enumerated() {
                    values[axis.key] = SourcedValue(node: axis.values[odometer[axisIndex]], origin: axis.origin)
                }
                let position = caseIndex * combinations + combination
                for trial in 0..<trialCount {
                    for axis in samples {
                        values[axis.key] = SourcedValue(node: axis.distribution.draw(seed: sampleSeed, trial: trial, key: axis.key),
                                                        origin: .sample(trial))
                    }
                    let reader = ValueReader(file: file, values: values)
                    // Read and validate once per point: nothing but the seed differs between its jobs.
                    var job = try JobSpec(reading: reader, seed: seeds.first ?? 0)
                    // The canonical JSON once for all seeds (the spec sets no data digest: ids are source keys).
                    let identity = JobIdentity(job)
                    let modelSource = (values["model.arch"] ?? values["dataset.resize"]).map {
                        SpecLocation(line: $0.node.line, origin: $0.origin.suffix)
                    } ?? SpecLocation(line: nil, origin: "")
                    for seed in seeds {
                        job.seed = seed
                        let id = identity.id(seed: seed)
                        let key = SweepSpec.sourceKey(id: id, path: job.dataset.path)
                        if let earlier = firstSeen[key] {
                            // Two random draws that round to the same job are dropped like any repeat, without a word.
                            if trialCount == 1 || earlier != position {
                                collapse.note(earlier: earlier, later: position, combinations: combinations, document: self)
                            }
                        } else {
                            firstSeen[key] = position
                            modelSources[key] = modelSource
                            jobs.append(job)
                            ids.append(id)
                        }
                    }
                }
                if caseIndex == 0 && combination == 0 { try checkOverriddenBaseValues(values) }
                // Advance: last axis fastest.
                var axis = grid.count - 1
                while axis >= 0 {
                    odometer[axis] += 1
                    if odometer[axis] < grid[axis].values.count { break }
                    odometer[axis] = 0
                    axis -= 1
                }
            }
        }
        return Expansion(jobs: jobs, ids: ids, modelSources: modelSources, warnings: collapse.warnings(seeds: seeds))
    }

    /// Checks each base value that a grid axis or a case replaces, in the first job's setting, so that an
    /// invalid value in a section is reported even though no job uses it. Only errors about that key count
    /// (the base value may legitimately not fit the other values of the job).
    private func checkOverriddenBaseValues(_ firstJobValues: [String: SourcedValue]) throws(SpecError) {
        var overridden = Set(grid.map(\.key))
        for overrides in cases { for override in overrides { overridden.insert(override.key) } }
        for key in overridden.sorted() {
            guard let value = base[key] else { continue }
            var values = firstJobValues
            values[key] = value
            do {
                _ = try JobSpec(reading: ValueReader(file: file, values: values), seed: seeds.first ?? 0)
            } catch where error.key == key || error.key?.hasPrefix(key + "[") == true {
                throw SpecError(file: error.file, key: error.key,
                                message: error.message + " (this base value is replaced by grid or cases, but must be valid too)",
                                line: error.line)
            } catch {
                continue
            }
        }
    }
}
