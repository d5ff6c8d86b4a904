import Datasets
import Network
import Sweep

extension JobPlan {
    /// The largest batch any pass of the job runs (training, accuracy, measurement): the size of every layer's
    /// buffers.
    public var maxBatch: Int { max(spec.train.batchSize, spec.measure.chunk, 256) }

    /// The job's estimated peak memory (all in Double: any value the spec accepts is sized without overflow);
    /// `peakMemory` holds it.
    func estimatePeakMemory() -> MemoryEstimate {
        let floatBytes = 4.0, doubleBytes = 8.0
        let widthKey: String
        switch spec.model.arch {
        case .gfnn: widthKey = "model.width"
        case .mlp: widthKey = "model.widths"
        case .vgg, .alexnet, .resnet, .densenet, .googlenet: widthKey = "model.width_multiplier"
        }
        let sampleKey = spec.dataset.classCounts != nil ? "dataset.class_counts" : "dataset.per_class"
        let n = Double(trainingCount), tests = Double(testCount)

        // Weights, gradients and up to two optimiser moments (Adam); small-plane convolutions' dense matrices.
        let weights = (4 * Double(network.parameterCount) + network.unrolledConvolutionValues) * floatBytes

        let batchKey = spec.train.batchSize >= spec.measure.chunk ? "train.batch_size" : "measure.chunk"
        let buffers = Double(maxBatch) * network.bufferedValuesPerExample * floatBytes

        // Every measured point's features for the whole sample (Float32), plus the Float64 work of D (p × K) or
        // of PCA (the smaller of the n × n Gram and the p × p covariance, and a centred copy) for the widest one.
        let dimensions = network.measuredPoints.map { Double($0.dimension) }
        let widest = dimensions.max() ?? 0
        var work = widest * Double(classCount) * doubleBytes
        if let pca = spec.measure.pca, widest > Double(pca) {
            let side = min(n, widest)
            work += (side * side + n * widest) * doubleBytes
        }
        let measurement = n * dimensions.reduce(0, +) * floatBytes + work
        let measurementKey = work > n * dimensions.reduce(0, +) * floatBytes ? widthKey : sampleKey

        // The sets as read (bytes per pixel) and the prepared sample and test set (Float32).
        let example = Double(recipe.exampleShape.count)
        var dataset = (n + tests) * example * floatBytes
        let datasetKey: String
        if let side = spec.dataset.name.nativeSide {
            let raw = Double(side * side * spec.dataset.name.sourceChannels)
            dataset += Double(spec.dataset.name.trainingImages + spec.dataset.name.testImages) * raw
            datasetKey = (spec.dataset.resize ?? side) > side ? "dataset.resize" : sampleKey
        } else {
            dataset *= 2  // the mixture is drawn in Float64 and kept in Float32
            datasetKey = example * floatBytes > 1_048_576 ? "dataset.dimension" : sampleKey
        }
        return MemoryEstimate(parts: [
            .init(name: "weights", bytes: weights, key: widthKey),
            .init(name: "batch buffers (\(maxBatch) examples)", bytes: buffers, key: batchKey),
            .init(name: "measurement", bytes: measurement, key: measurementKey),
            .init(name: "dataset", bytes: dataset, key: datasetKey),
        ])
    }
}
