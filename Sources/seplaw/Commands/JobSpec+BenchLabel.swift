import Sweep

extension JobSpec {
    /// A short name of the job's network and optimiser for benchmark tables (`m=2 w=100 sgd`, `vgg13 ×0.25 sgd`).
    var benchLabel: String {
        let network: String
        switch model.arch {
        case .gfnn: network = "m=\(model.depth) w=\(model.width)"
        case .mlp: network = "mlp " + model.widths.map(String.init).joined(separator: "-")
        case .alexnet: network = "alexnet ×\(model.widthMultiplier)"
        case .vgg: network = "vgg\(model.depth) ×\(model.widthMultiplier)"
        case .resnet:
            network = "resnet \(model.block)×\(model.depth)\(model.per == .layer ? " per layer" : "") ×\(model.widthMultiplier)"
        case .densenet, .googlenet: network = "\(model.arch)\(model.depth) ×\(model.widthMultiplier)"
        }
        return "\(network) \(train.optimizer)"
    }
}
