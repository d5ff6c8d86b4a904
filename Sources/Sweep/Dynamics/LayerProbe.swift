import Linalg
import Network
import Separation

/// Reads a network's per-layer features on a fixed set of points and measures them, without
/// changing the network: BatchNorm runs in `mode` (batch statistics leave the running averages alone)
/// and no random numbers are drawn, so measuring between epochs does not perturb training.
struct LayerProbe {
    let features: Matrix<Float>
    let labels: [Int]
    let classCount: Int
    let mode: Mode
    let chunk: Int

    /// The measured layers' features (l = 0…L).
    func layers(of classifier: Classifier) -> [MeasuredLayer] {
        classifier.measuredFeatures(of: features, mode: mode, chunk: chunk)
    }

    /// D_l of every layer; NaN where a layer cannot be measured.
    func fuzziness(of layers: [MeasuredLayer]) -> [Double] {
        layers.map { layer in
            (try? SeparationFuzziness.compute(layer.features, labels: labels, classCount: classCount)) ?? .nan
        }
    }

    /// The law fit of `values`, or nil when some D_l is not finite and positive.
    static func fit(_ values: [Double]) -> LawFit? {
        try? LawFit(fuzziness: values)
    }
}
