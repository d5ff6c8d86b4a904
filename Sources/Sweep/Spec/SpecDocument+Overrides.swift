extension SpecDocument {
    /// Applies Hydra-style command-line overrides, in order, as if the file said so:
    ///
    /// - `train.lr=0.5`: a leaf's value (a grid axis or a sampled key of that name is replaced by the one value);
    /// - `grid.model.depth=[2,4]`: a grid axis (replaced in place, or added last);
    /// - `train={lr: 0.5, epochs: 3}`: several leaves of a section;
    /// - `sample.train.lr={loguniform: [1.0e-5, 1.0e-1]}`, `trials=20`, `sample_seed=1`: random search;
    /// - `seed=3`, `seeds=[0,1,2]`, `name=…`, `description=…`.
    ///
    /// Values are YAML. Errors name the override; values are checked later like the file's, and their
    /// errors say they come from the override.
    mutating func apply(overrides: [String]) throws(SpecError) {
        for text in overrides { try apply(override: text) }
    }

    private mutating func apply(override text: String) throws(SpecError) {
        let origin = SpecOrigin.override(text)
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw SpecError(file: file, key: nil,
                            message: "the command-line argument \(SpecNode(.string(text)).rendered(limit: 80)) is not an "
                                + "override: expected KEY=VALUE, e.g. train.lr=0.5 or grid.model.depth=[2,4]")
        }
        let key = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        let valueText = String(text[text.index(after: equals)...])
        let node: SpecNode
        do {
            node = try SpecNode.parseYAML(valueText, file: file)?.withoutLines ?? SpecNode(.null)
        } catch {
            throw SpecError(file: file, key: key, message: "the value is not valid YAML: \(error.message)\(origin.suffix)")
        }
        let entry = SpecEntry(key: key, line: nil, node: node)
        switch key {
        case "name":
            name = try scalarText(entry, what: "a non-empty string")
        case "description":
            description = try scalarText(entry, what: "a string")
        case "seed":
            try readSeeds(seed: entry, seeds: nil)
        case "seeds":
            try readSeeds(seed: nil, seeds: entry)
        case "trials":
            do {
                trials = try count(node, key: key, range: 1...SweepSpec.maximumJobs, line: nil)
            } catch {
                throw SpecError(file: file, key: key, message: error.message + origin.suffix)
            }
        case "sample_seed":
            do {
                sampleSeed = UInt64(try count(node, key: key, range: 0...Int.max, line: nil))
            } catch {
                throw SpecError(file: file, key: key, message: error.message + origin.suffix)
            }
        default:
            if key.hasPrefix("sample.") {
                try setSample(String(key.dropFirst(7)), node: node, line: nil, suffix: origin.suffix)
            } else if key.hasPrefix("grid.") {
                try setAxis(String(key.dropFirst(5)), node: node, origin: origin)
            } else if SpecKeys.isLeaf(key) {
                try setLeaf(key, node: node, origin: origin)
            } else if let leaves = SpecKeys.leaves(of: key) {
                guard case .map(let items) = node.value else {
                    throw SpecError(file: file, key: key, message: "expected a mapping of \(key) settings such as "
                                        + "{\(leaves[0]): …}, found \(node.found)\(origin.suffix)")
                }
                for item in items {
                    let dotted = "\(key).\(item.key)"
                    guard leaves.contains(item.key) else {
                        throw SpecError(file: file, key: dotted,
                                        message: SpecKeys.unknownKeyMessage(dotted, among: SpecKeys.leafKeys) + origin.suffix)
                    }
                    try setLeaf(dotted, node: item.node, origin: origin)
                }
            } else {
                let candidates = SpecKeys.leafKeys + SpecKeys.leafKeys.map { "grid." + $0 } + ["seed", "seeds", "name", "description", "trials", "sample_seed"]
                throw SpecError(file: file, key: key,
                                message: SpecKeys.unknownKeyMessage(key, among: candidates) + origin.suffix)
            }
        }
    }

    private mutating func setLeaf(_ key: String, node: SpecNode, origin: SpecOrigin) throws(SpecError) {
        for (index, overrides) in cases.enumerated() where overrides.contains(where: { $0.key == key }) {
            throw SpecError(file: file, key: key,
                            message: "cases[\(index)] sets \(key) too, which would win over the override; edit the file"
                                + origin.suffix)
        }
        grid.removeAll { $0.key == key }
        samples.removeAll { $0.key == key }
        base[key] = SourcedValue(node: node, origin: origin)
    }

    private mutating func setAxis(_ key: String, node: SpecNode, origin: SpecOrigin) throws(SpecError) {
        do {
            try checkOverrideKey(key, in: "grid", line: nil)
        } catch {
            throw SpecError(file: file, key: error.key, message: error.message + origin.suffix)
        }
        guard case .list(let values) = node.value, !values.isEmpty else {
            throw SpecError(file: file, key: "grid.\(key)",
                            message: "expected a non-empty list of values, found \(node.found)\(origin.suffix)")
        }
        let axis = Axis(key: key, values: values, origin: origin)
        if let index = grid.firstIndex(where: { $0.key == key }) {
            grid[index] = axis
        } else {
            grid.append(axis)
        }
    }
}

extension SpecNode {
    /// The same tree without line numbers (a command-line value has no line in the spec file).
    var withoutLines: SpecNode {
        var copy = self
        copy.line = nil
        switch value {
        case .list(let items): copy.value = .list(items.map(\.withoutLines))
        case .map(let entries):
            copy.value = .map(entries.map { SpecEntry(key: $0.key, line: nil, node: $0.node.withoutLines) })
        default: break
        }
        return copy
    }
}
