extension LayerNode {
    /// Gives every layer that splits its work across threads (convolutions, 2-D BatchNorm, max pooling, dense layers,
    /// rectifiers, residual sums, concatenations), nested ones included, the team `team`.
    func assign(_ team: ThreadTeam) {
        switch self {
        case let .convolution(layer): layer.team = team
        case let .batchNorm2d(layer): layer.team = team
        case let .maxPool(layer): layer.team = team
        case let .residual(block):
            block.team = team
            (block.body + block.shortcut).forEach { $0.assign(team) }
        case let .concatenation(block):
            block.team = team
            block.branches.forEach { $0.forEach { $0.assign(team) } }
        case let .dense(layer): layer.team = team
        case let .relu(layer): layer.team = team
        case .batchNorm, .averagePool, .repeatChannels, .measure: break
        }
    }
}
