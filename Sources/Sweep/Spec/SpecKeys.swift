/// The key schema of a sweep spec: sections, their leaf keys, and "did you mean" suggestions.
enum SpecKeys {
    /// Sections and their leaf keys, in canonical order.
    static let sections: [(name: String, leaves: [String])] = [
        ("dataset", ["name", "path", "resize", "channels", "per_class", "class_counts", "test_per_class",
                     "normalize", "dimension", "separation"]),
        ("model", ["arch", "depth", "width", "batchnorm", "activation", "widths", "width_multiplier", "repeat",
                   "block", "per"]),
        ("train", ["optimizer", "lr", "epochs", "batch_size", "weight_decay", "momentum", "betas",
                   "eps", "milestones", "gamma", "phases"]),
        ("measure", ["batchnorm", "chunk", "every", "test_per_class", "pca"]),
    ]

    /// Keys allowed at the top level of a spec file.
    static let topLevel = ["name", "description", "dataset", "model", "train", "measure",
                           "seed", "seeds", "grid", "cases", "sample", "trials", "sample_seed"]

    /// Every overridable dotted leaf key (`train.lr`, …).
    static let leafKeys: [String] = sections.flatMap { section in section.leaves.map { "\(section.name).\($0)" } }

    static func leaves(of section: String) -> [String]? {
        sections.first { $0.name == section }?.leaves
    }

    static func isLeaf(_ dotted: String) -> Bool { leafKeys.contains(dotted) }

    /// Common other names for leaf keys.
    private static let synonyms: [String: String] = [
        "learning_rate": "lr", "learningrate": "lr", "step_size": "lr",
        "num_epochs": "epochs", "n_epochs": "epochs", "epoch": "epochs",
        "batch": "batch_size", "batchsize": "batch_size", "bs": "batch_size",
        "wd": "weight_decay", "l2": "weight_decay", "decay": "weight_decay",
        "optim": "optimizer", "opt": "optimizer", "optimiser": "optimizer",
        "beta": "betas", "epsilon": "eps", "schedule": "milestones",
        "bn": "batchnorm", "batch_norm": "batchnorm", "act": "activation", "nonlinearity": "activation",
        "layers": "depth", "num_layers": "depth", "m": "depth", "hidden": "width", "hidden_size": "width",
        "architecture": "arch", "model": "arch",
        "samples_per_class": "per_class", "n_per_class": "per_class", "dataset": "name",
        "interval": "every", "measure_every": "every", "test_points_per_class": "test_per_class",
        "multiplier": "width_multiplier", "width_mult": "width_multiplier", "repeats": "repeat",
        "freeze": "phases", "frozen": "phases", "pca_dim": "pca", "pca_dimension": "pca",
        "size": "resize", "image_size": "resize", "dim": "dimension", "normalise": "normalize",
    ]

    /// A likely intended key for an unknown `key`, chosen among `candidates` (full dotted names).
    static func suggestion(for key: String, among candidates: [String]) -> String? {
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        let squashedLeaf = squash(leaf)
        // 1. A known synonym or a spelling that differs only in case/underscores/dashes.
        for candidate in candidates {
            let candidateLeaf = candidate.split(separator: ".").last.map(String.init) ?? candidate
            if squash(candidateLeaf) == squashedLeaf || synonyms[squashedLeaf] == candidateLeaf
                || synonyms[leaf.lowercased()] == candidateLeaf {
                if sameSection(key, candidate) { return candidate }
            }
        }
        for candidate in candidates {
            let candidateLeaf = candidate.split(separator: ".").last.map(String.init) ?? candidate
            if squash(candidateLeaf) == squashedLeaf || synonyms[leaf.lowercased()] == candidateLeaf {
                return candidate
            }
        }
        // 2. The closest name by edit distance, if close enough.
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(key.lowercased(), candidate)
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        if let best, best.1 <= max(1, min(3, key.count / 3)) { return best.0 }
        return nil
    }

    /// `unknown key` message with a suggestion when there is one.
    static func unknownKeyMessage(_ key: String, among candidates: [String], what: String = "unknown key") -> String {
        if let hint = suggestion(for: key, among: candidates) { return "\(what) (did you mean \(hint)?)" }
        let list = candidates.count <= 12 ? "; known: " + candidates.joined(separator: ", ") : ""
        return what + list
    }

    private static func sameSection(_ a: String, _ b: String) -> Bool {
        let sa = a.split(separator: ".").dropLast(), sb = b.split(separator: ".").dropLast()
        return sa.elementsEqual(sb)
    }

    private static func squash(_ s: String) -> String {
        String(s.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }

    /// Edit distance counting insertions, deletions, substitutions and adjacent swaps (small strings only).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
