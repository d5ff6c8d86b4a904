extension JobSpec {
    /// Checks the model keys that only some architectures take, naming the key at fault.
    static func checkModel(_ model: ModelConfig, _ r: ValueReader) throws(SpecError) {
        let arch = model.arch
        func reject(_ key: String, _ message: String) -> SpecError {
            r.failure("model.\(key)", message: message, r.values["model.\(key)"] ?? r.values["model.arch"])
        }
        if arch == .mlp && model.widths.isEmpty {
            throw reject("widths", "mlp needs model.widths, the list of hidden widths (e.g. [100, 100, 1000])")
        }
        if arch != .mlp && r.has("model.widths") {
            throw reject("widths", "only mlp takes a widths list (gfnn has depth and width)")
        }
        if model.isConvolutional {
            if !model.batchnorm { throw reject("batchnorm", "\(arch) always uses BatchNorm; remove model.batchnorm: false") }
            if model.activation != .relu { throw reject("activation", "\(arch) always uses ReLU") }
        } else {
            for key in ["width_multiplier", "repeat"] where r.has("model.\(key)") {
                let names = Architecture.convolutional.map(\.rawValue).sorted().joined(separator: ", ")
                throw reject(key, "only the convolutional networks (\(names)) take model.\(key)")
            }
        }
        if arch != .resnet {
            for key in ["block", "per"] where r.has("model.\(key)") {
                throw reject(key, "only resnet takes model.\(key)")
            }
        }
        if arch == .vgg && !Architecture.vggVariants.contains(model.depth) {
            throw reject("depth", "vgg takes model.depth 11, 13 or 16 (the variant), found \(model.depth)")
        }
        if [.resnet, .densenet, .googlenet].contains(arch) && model.depth < 1 {
            throw reject("depth", "\(arch) needs model.depth ≥ 1 (blocks), found \(model.depth)")
        }
    }
}
