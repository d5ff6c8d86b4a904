import Linalg

/// A network described as layers over an input shape: what a job trains, before any memory is allocated.
///
/// The measured points are the input (l = 0) and every `.measure` marker in forward order (l = 1…L).
/// The last layer is the classifier, `.dense(outputs: classCount)`; its logits are never measured.
public struct NetworkPlan: Sendable, Equatable {
    /// A measured point: its name and the shape of its features.
    public struct MeasuredPoint: Sendable, Equatable {
        public var name: String
        public var shape: TensorShape
        public var dimension: Int { shape.count }
    }

    public var name: String
    public var inputShape: TensorShape
    public var classCount: Int
    public var layers: [LayerSpec]
    /// Ranges of measured points fitted as separate lines (the mixed ResNet); empty = one fit over all points.
    public var fitSegments: [ClosedRange<Int>]

    /// The measured points (the input first), computed and checked at creation.
    public let measuredPoints: [MeasuredPoint]
    /// Every leaf layer with its input and output shapes, in forward order (composites flattened).
    let leaves: [PlanWalk.Leaf]

    /// A plan whose layer shapes are checked; a layer that cannot take its input's shape is an error naming it.
    public init(name: String, inputShape: TensorShape, classCount: Int, layers: [LayerSpec],
                fitSegments: [ClosedRange<Int>] = []) throws(NetworkPlanError) {
        guard inputShape.channels >= 1, inputShape.height >= 1, inputShape.width >= 1 else {
            throw NetworkPlanError(name, "input shape \(inputShape) has an empty dimension")
        }
        guard classCount >= 1 else { throw NetworkPlanError(name, "class count \(classCount) must be at least 1") }
        guard case .dense(let outputs)? = layers.last, outputs == classCount else {
            throw NetworkPlanError(name, "the last layer must be the classifier, dense(outputs: \(classCount))")
        }
        self.name = name
        self.inputShape = inputShape
        self.classCount = classCount
        self.layers = layers
        var walk = PlanWalk(points: [MeasuredPoint(name: "input", shape: inputShape)])
        let hidden = Array(layers.dropLast())
        let featureShape = try NetworkPlan.infer(hidden, from: inputShape, path: name, walk: &walk)
        walk.leaves.append(.init(layer: layers[layers.count - 1], input: featureShape, output: .flat(classCount)))
        measuredPoints = walk.points
        leaves = walk.leaves
        let points = walk.points
        for segment in fitSegments where segment.lowerBound < 0 || segment.upperBound >= points.count
            || segment.count < 2 {
            throw NetworkPlanError(name, "fit segment \(segment) must hold at least two of the measured points 0…\(points.count - 1)")
        }
        self.fitSegments = fitSegments
    }

    /// Output shape of `layers` applied to `shape`, appending measured points; errors name the layer path.
    static func infer(_ layers: [LayerSpec], from shape: TensorShape, path: String,
                      walk: inout PlanWalk) throws(NetworkPlanError) -> TensorShape {
        var current = shape
        for (index, layer) in layers.enumerated() {
            let next = try infer(layer, from: current, path: "\(path).\(index)", walk: &walk)
            switch layer {
            case .residual, .concatenate, .measure: break
            default: walk.leaves.append(.init(layer: layer, input: current, output: next))
            }
            current = next
        }
        return current
    }

    private static func infer(_ layer: LayerSpec, from shape: TensorShape, path: String,
                              walk: inout PlanWalk) throws(NetworkPlanError) -> TensorShape {
        switch layer {
        case .dense(let outputs):
            guard outputs >= 1 else { throw NetworkPlanError(path, "dense layer needs at least 1 output, got \(outputs)") }
            return .flat(outputs)
        case .batchNorm, .relu:
            return shape
        case let .convolution(outputs, kernel, stride, padding, _):
            guard outputs >= 1 else { throw NetworkPlanError(path, "convolution needs at least 1 output channel, got \(outputs)") }
            guard let out = Conv2d<Float>.outputShape(input: shape, outputChannels: outputs, kernel: kernel,
                                                      stride: stride, padding: padding) else {
                throw windowError(shape, kernel: kernel, stride: stride, padding: padding,
                                  what: "\(kernel)×\(kernel) convolution", path: path)
            }
            return out
        case let .maxPool(kernel, stride, padding), let .averagePool(kernel, stride, padding):
            guard padding <= kernel / 2 else {
                throw NetworkPlanError(path, "pooling padding \(padding) must be at most half the kernel \(kernel)")
            }
            // Max and average pooling share one output-size rule (SpatialGeometry.poolOutputShape).
            guard let out = MaxPool2d<Float>.outputShape(input: shape, kernel: kernel, stride: stride, padding: padding) else {
                throw windowError(shape, kernel: kernel, stride: stride, padding: padding,
                                  what: "\(kernel)×\(kernel) pooling", path: path)
            }
            return out
        case .globalAveragePool:
            return .flat(shape.channels)
        case .repeatChannels(let times):
            guard times >= 1 else { throw NetworkPlanError(path, "channel repetition needs times ≥ 1, got \(times)") }
            return TensorShape(channels: shape.channels * times, height: shape.height, width: shape.width)
        case let .residual(body, shortcut, _):
            let out = try infer(body, from: shape, path: path + ".body", walk: &walk)
            let before = walk.points.count
            let skip = try infer(shortcut, from: shape, path: path + ".shortcut", walk: &walk)
            guard walk.points.count == before else { throw NetworkPlanError(path, "a shortcut cannot hold measured points") }
            guard out == skip else {
                throw NetworkPlanError(path, "residual body gives \(out) but the shortcut gives \(skip); "
                    + "a projection shortcut must match them")
            }
            return out
        case .concatenate(let branches):
            guard !branches.isEmpty else { throw NetworkPlanError(path, "concatenation needs at least one branch") }
            var channels = 0
            var spatial: (Int, Int)?
            for (index, branch) in branches.enumerated() {
                let before = walk.points.count
                let out = try infer(branch, from: shape, path: "\(path).branch\(index)", walk: &walk)
                guard walk.points.count == before else { throw NetworkPlanError(path, "a concatenation branch cannot hold measured points") }
                if let spatial, spatial != (out.height, out.width) {
                    throw NetworkPlanError(path, "branch \(index) gives \(out.height)×\(out.width) but earlier branches "
                        + "\(spatial.0)×\(spatial.1)")
                }
                spatial = (out.height, out.width)
                channels += out.channels
            }
            return TensorShape(channels: channels, height: spatial?.0 ?? shape.height, width: spatial?.1 ?? shape.width)
        case .measure(let name):
            walk.points.append(MeasuredPoint(name: name, shape: shape))
            return shape
        }
    }

    /// Why a sliding window (whose output shape the layer itself rejected) cannot take its input.
    static func windowError(_ shape: TensorShape, kernel: Int, stride: Int, padding: Int,
                            what: String, path: String) -> NetworkPlanError {
        guard kernel >= 1, stride >= 1, padding >= 0 else {
            return NetworkPlanError(path, "\(what) needs kernel ≥ 1, stride ≥ 1, padding ≥ 0 (got \(kernel), \(stride), \(padding))")
        }
        return NetworkPlanError(path, "\(what) does not fit its input \(shape) (padding \(padding)); "
            + "use larger images or fewer downsampling layers")
    }

    /// The number of measured hidden points L (the input is l = 0).
    public var depth: Int { measuredPoints.count - 1 }
}
