import Linalg
import Network
import Separation
import Sweep

/// Reads a network's per-layer features on a fixed set of points and measures them, without
/// changing the network: BatchNorm runs in `mode` (batch statistics leave the running averages alone)
/// and no random numbers are drawn, so measuring between epochs does not perturb training.
struct LayerProbe {
    let features: Matrix<Float>
    let labels: [Int]
    let classCount: Int
    let mode: Mode
    let chunk: Int
    /// Layers wider than this are reduced to their top principal components before D is computed; nil = never.
    var pca: Int? = nil
    /// The threads the layers are measured on, one layer per thread at a time (each D computed whole by one thread,
    /// OpenBLAS on one: the same values on any team).
    var team: ThreadTeam = .single

    /// The measured layers' features (l = 0…L).
    func layers(of classifier: Classifier) -> [MeasuredLayer] {
        classifier.measuredFeatures(of: features, mode: mode, chunk: chunk)
    }

    /// D_l of every layer; NaN where a layer cannot be measured.
    func fuzziness(of layers: [MeasuredLayer]) -> [Double] {
        team.map(layers.count) { (try? fuzziness(of: layers[$0])) ?? .nan }
    }

    /// D of one layer, after the PCA reduction when the layer is wider than `pca`.
    func fuzziness(of layer: MeasuredLayer) throws(SeparationError) -> Double {
        if let pca, layer.features.cols > pca {
            let reduced = try PrincipalComponents(layer.features, components: pca)
            return try SeparationFuzziness.compute(reduced.scores, labels: labels, classCount: classCount)
        }
        return try SeparationFuzziness.compute(layer.features, labels: labels, classCount: classCount)
    }

    /// The law fit of `values`, or nil when some D_l is not finite and positive.
    static func fit(_ values: [Double]) -> LawFit? {
        try? LawFit(fuzziness: values)
    }
}
