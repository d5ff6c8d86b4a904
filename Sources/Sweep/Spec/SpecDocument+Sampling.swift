extension SpecDocument {
    /// Reads `sample: {train.lr: {loguniform: [1.0e-5, 1.0e-1]}, …}`.
    mutating func readSample(_ entry: SpecEntry) throws(SpecError) {
        guard case .map(let items) = entry.node.value, !items.isEmpty else {
            throw SpecError(file: file, key: "sample",
                            message: "expected a mapping of dotted keys to distributions such as "
                                + "{train.lr: {loguniform: [1.0e-5, 1.0e-1]}}, found \(entry.node.found)",
                            line: entry.node.line ?? entry.line)
        }
        for item in items {
            try setSample(item.key, node: item.node, line: item.line, suffix: "")
        }
    }

    /// Sets (or replaces) the distribution of `key`; `suffix` says where it came from in messages.
    mutating func setSample(_ key: String, node: SpecNode, line: Int?, suffix: String) throws(SpecError) {
        do {
            try checkOverrideKey(key, in: "sample", line: line)
        } catch {
            throw SpecError(file: file, key: error.key, message: error.message + suffix, line: error.line)
        }
        let location = "sample.\(key)"
        let distributions = SampleDistribution.names.joined(separator: ", ")
        guard case .map(let pairs) = node.value, pairs.count == 1, let pair = pairs.first else {
            throw SpecError(file: file, key: location,
                            message: "expected one distribution ({\(distributions)}: …), found \(node.found)\(suffix)",
                            line: node.line ?? line)
        }
        let arguments: [SpecNode]
        if case .list(let items) = pair.node.value { arguments = items } else { arguments = [] }
        let here = "\(location).\(pair.key)"
        func bounds() throws(SpecError) -> (Double, Double) {
            guard arguments.count == 2, let low = arguments[0].numberValue, let high = arguments[1].numberValue, low < high else {
                throw SpecError(file: file, key: here,
                                message: "expected [low, high], two finite numbers with low < high, found \(pair.node.found)\(suffix)",
                                line: pair.node.line ?? pair.line)
            }
            return (low, high)
        }
        let distribution: SampleDistribution
        switch pair.key {
        case "uniform":
            let (low, high) = try bounds()
            distribution = .uniform(low, high)
        case "loguniform":
            let (low, high) = try bounds()
            guard low > 0 else {
                throw SpecError(file: file, key: here, message: "expected low > 0 for a log-uniform draw, found \(low)\(suffix)",
                                line: pair.node.line ?? pair.line)
            }
            distribution = .logUniform(low, high)
        case "randint":
            guard arguments.count == 2, let low = arguments[0].intValue, let high = arguments[1].intValue, low <= high,
                  !high.subtractingReportingOverflow(low).overflow, high - low < Int.max else {
                throw SpecError(file: file, key: here,
                                message: "expected [low, high], two integers with low ≤ high, found \(pair.node.found)\(suffix)",
                                line: pair.node.line ?? pair.line)
            }
            distribution = .randint(low, high)
        case "choice":
            guard !arguments.isEmpty else {
                throw SpecError(file: file, key: here, message: "expected a non-empty list of values, found \(pair.node.found)\(suffix)",
                                line: pair.node.line ?? pair.line)
            }
            distribution = .choice(arguments)
        default:
            throw SpecError(file: file, key: here,
                            message: SpecKeys.unknownKeyMessage(pair.key, among: SampleDistribution.names,
                                                                what: "unknown distribution") + suffix,
                            line: pair.line)
        }
        let axis = SampleAxis(key: key, distribution: distribution)
        if let index = samples.firstIndex(where: { $0.key == key }) { samples[index] = axis } else { samples.append(axis) }
    }

    /// Reads `trials: N` (`key`: `trials`) or `sample_seed: N`.
    func count(_ node: SpecNode, key: String, range: ClosedRange<Int>, line: Int?) throws(SpecError) -> Int {
        guard let value = node.intValue, range.contains(value) else {
            throw SpecError(file: file, key: key, message: "expected \(ValueReader.describe(range)), found \(node.found)",
                            line: node.line ?? line)
        }
        return value
    }

    /// Checks what `sample` needs once the whole file is read.
    func checkSampling() throws(SpecError) {
        if !samples.isEmpty && trials == nil {
            throw SpecError(file: file, key: "trials", message: "sample needs trials: N, the number of draws")
        }
        if samples.isEmpty && trials != nil {
            throw SpecError(file: file, key: "trials", message: "trials is the number of draws of sample, but there is no sample:")
        }
        let gridKeys = Set(grid.map(\.key))
        for axis in samples where gridKeys.contains(axis.key) {
            throw SpecError(file: file, key: "sample.\(axis.key)",
                            message: "\(axis.key) is also varied in grid; draw a key in sample or list it in grid, not both")
        }
        for (index, overrides) in cases.enumerated() {
            for override in overrides where samples.contains(where: { $0.key == override.key }) {
                throw SpecError(file: file, key: "cases[\(index)].\(override.key)",
                                message: "\(override.key) is also drawn in sample; set a key in sample or in cases, not both",
                                line: override.node.line)
            }
        }
    }
}
