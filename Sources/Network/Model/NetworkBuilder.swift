import Linalg

/// Turns layer descriptions into built layers with preallocated buffers, drawing initial weights in
/// forward order from one generator (so a plan and a seed fix every weight).
struct NetworkBuilder<Scalar: NetworkScalar> {
    let maxBatch: Int
    var generator: SeededGenerator
    /// Measured points built so far (the next marker is point `measured + 1`).
    private(set) var measured = 0

    init(maxBatch: Int, seed: UInt64) {
        self.maxBatch = maxBatch
        generator = SeededGenerator(seed: seed, stream: "init")
    }

    /// Builds `layers` for input `shape`; returns the nodes and the output shape. The plan was checked on creation.
    mutating func build(_ layers: [LayerSpec], from shape: TensorShape, path: String) -> ([LayerNode<Scalar>], TensorShape) {
        var nodes: [LayerNode<Scalar>] = []
        var current = shape
        for (index, layer) in layers.enumerated() {
            let (node, next) = build(layer, from: current, path: "\(path).\(index)")
            if let node { nodes.append(node) }
            current = next
        }
        return (nodes, current)
    }

    private mutating func build(_ layer: LayerSpec, from shape: TensorShape, path: String) -> (LayerNode<Scalar>?, TensorShape) {
        switch layer {
        case .dense(let outputs):
            let dense = Dense<Scalar>(inputDimension: shape.count, outputDimension: outputs, maxBatch: maxBatch, name: path)
            dense.initialize(using: &generator)
            assignBlock([dense.weight, dense.bias])
            return (.dense(dense), .flat(outputs))
        case .batchNorm(let rectify):
            if shape.isFlat {
                let norm = BatchNorm1d<Scalar>(features: shape.count, maxBatch: maxBatch, name: path, rectify: rectify)
                assignBlock([norm.gamma, norm.beta])
                return (.batchNorm(norm), shape)
            }
            let norm = BatchNorm2d<Scalar>(shape: shape, maxBatch: maxBatch, name: path, rectify: rectify)
            assignBlock(norm.parameters)
            return (.batchNorm2d(norm), shape)
        case .relu:
            return (.relu(ReLU(features: shape.count, maxBatch: maxBatch)), shape)
        case let .convolution(outputs, kernel, stride, padding, bias):
            let conv = Conv2d<Scalar>(input: shape, outputChannels: outputs, kernel: kernel, stride: stride,
                                      padding: padding, bias: bias, maxBatch: maxBatch, name: path)
            conv.initialize(using: &generator)
            assignBlock(conv.parameters)
            return (.convolution(conv), conv.outputShape)
        case let .maxPool(kernel, stride, padding):
            let pool = MaxPool2d<Scalar>(input: shape, kernel: kernel, stride: stride, padding: padding, maxBatch: maxBatch)
            return (.maxPool(pool), pool.outputShape)
        case let .averagePool(kernel, stride, padding):
            let pool = AvgPool2d<Scalar>(input: shape, kernel: kernel, stride: stride, padding: padding, maxBatch: maxBatch)
            return (.averagePool(pool), pool.outputShape)
        case .globalAveragePool:
            if shape.isFlat { return (nil, shape) }
            let pool = AvgPool2d<Scalar>(globalOver: shape, maxBatch: maxBatch)
            return (.averagePool(pool), .flat(shape.channels))
        case .repeatChannels(let times):
            let layer = ChannelRepeat<Scalar>(input: shape, times: times, maxBatch: maxBatch)
            return (.repeatChannels(layer), layer.outputShape)
        case let .residual(body, shortcut, rectify):
            let (bodyNodes, out) = build(body, from: shape, path: path + ".body")
            let (shortcutNodes, _) = build(shortcut, from: shape, path: path + ".shortcut")
            let block = ResidualBlock(body: bodyNodes, shortcut: shortcutNodes, rectify: rectify,
                                      inputCount: shape.count, outputCount: out.count, maxBatch: maxBatch)
            return (.residual(block), out)
        case .concatenate(let branches):
            var built: [[LayerNode<Scalar>]] = [], counts: [Int] = []
            var spatial = shape
            var channels = 0
            for (index, branch) in branches.enumerated() {
                let (nodes, out) = build(branch, from: shape, path: "\(path).branch\(index)")
                built.append(nodes)
                counts.append(out.count)
                channels += out.channels
                spatial = out
            }
            let block = Concatenation(branches: built, branchCounts: counts, inputCount: shape.count, maxBatch: maxBatch)
            return (.concatenation(block), TensorShape(channels: channels, height: spatial.height, width: spatial.width))
        case .measure(let name):
            measured += 1
            return (.measure(MeasurePoint(index: measured, name: name)), shape)
        }
    }

    private func assignBlock(_ parameters: [Parameter<Scalar>]) {
        for parameter in parameters { parameter.block = measured }
    }
}
