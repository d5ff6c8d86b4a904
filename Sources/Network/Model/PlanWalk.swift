import Linalg

/// What checking a plan's shapes collects: the measured points and every leaf layer with its shapes.
struct PlanWalk: Sendable, Equatable {
    /// A leaf layer (not a composite or a marker) with its input and output shapes.
    struct Leaf: Sendable, Equatable {
        var layer: LayerSpec
        var input: TensorShape
        var output: TensorShape
    }

    var points: [NetworkPlan.MeasuredPoint]
    var leaves: [Leaf] = []
}
