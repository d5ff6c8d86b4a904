/// A multilayer perceptron: hidden blocks `Linear → [BatchNorm] → [ReLU]` of the given widths, then a linear classifier.
public struct FeedForwardArchitecture: Sendable, Equatable {
    public var inputDimension: Int
    public var classCount: Int
    /// The width of each hidden block, first to last.
    public var hiddenWidths: [Int]
    public var batchNorm: Bool
    public var activation: Activation

    public init(inputDimension: Int, classCount: Int, hiddenWidths: [Int], batchNorm: Bool = true, activation: Activation = .relu) {
        self.inputDimension = inputDimension
        self.classCount = classCount
        self.hiddenWidths = hiddenWidths
        self.batchNorm = batchNorm
        self.activation = activation
    }

    /// The paper's GFNN: `Linear(d→w)+BN+ReLU`, then `depth` more `Linear(w→w)+BN+ReLU` blocks, then `Linear(w→K)`.
    public static func gfnn(inputDimension: Int, classCount: Int, depth: Int, width: Int,
                            batchNorm: Bool = true, activation: Activation = .relu) -> FeedForwardArchitecture {
        FeedForwardArchitecture(inputDimension: inputDimension, classCount: classCount,
                                hiddenWidths: Array(repeating: width, count: depth + 1),
                                batchNorm: batchNorm, activation: activation)
    }

    /// Names and feature dimensions of the measured points: the input (l = 0), then each hidden block.
    public var measuredLayers: [(name: String, dimension: Int)] {
        [("input", inputDimension)] + hiddenWidths.enumerated().map { ("hidden\($0.offset + 1)", $0.element) }
    }

    /// The number of trainable parameters.
    public var parameterCount: Int {
        var total = 0, previous = inputDimension
        for width in hiddenWidths {
            total += previous * width + width + (batchNorm ? 2 * width : 0)
            previous = width
        }
        return total + previous * classCount + classCount
    }
}

extension FeedForwardArchitecture {
    /// Floating-point operations of the GEMMs in one training step, per training point:
    /// forward (2·in·out per layer), weight gradient (the same) and input gradient (all layers but the first).
    public var trainingFlopsPerPoint: Double {
        var multiplyAdds = 0.0, firstLayer = 0.0, previous = inputDimension
        for (index, width) in (hiddenWidths + [classCount]).enumerated() {
            let product = Double(previous) * Double(width)
            multiplyAdds += product
            if index == 0 { firstLayer = product }
            previous = width
        }
        return 2 * (3 * multiplyAdds - firstLayer)
    }
}
