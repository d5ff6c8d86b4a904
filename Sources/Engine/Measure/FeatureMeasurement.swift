import Features
import Linalg
import Network
import Separation
import Sweep

/// Measures one feature directory (`seplaw measure`): D, NC1 and nearest-centre accuracy per layer, streamed
/// from disk, and the law fit; D on the test features when there are any.
///
/// Without PCA every layer is streamed in blocks of rows (bounded memory, see `StreamingSeparation`), and D is
/// bit for bit what `seplaw run` computes in memory on the same Float32 features. With `pca: q`, a layer wider
/// than q is read whole into memory (n·p values) and reduced by `PrincipalComponents` as `measure.pca` does.
public enum FeatureMeasurement {
    public static func measure(_ path: String, pca: Int?, blasThreads: Int) -> MeasureResult {
        let blas = BLASRecord.current(threads: blasThreads)
        let clock = ContinuousClock(), start = clock.now
        do {
            let directory = try FeatureDirectory(path: path)
            let allLabels = directory.labels + (directory.test?.labels ?? [])
            let classCount = (allLabels.max() ?? 0) + 1
            guard classCount >= 2 else {
                throw FeatureFileError(path: path + "/" + FeatureDirectory.labelsName, message: "all labels are \(classCount - 1); at least two classes are needed")
            }
            var layers: [LayerRecord] = []
            for (index, layer) in directory.layers.enumerated() {
                let measures = try measureLayer(layer.file, labels: directory.labels, classCount: classCount, pca: pca, related: true)
                layers.append(LayerRecord(index: index, name: layer.name, dim: layer.file.rowLength, D: measures.fuzziness,
                                          nc1: measures.nc1, nccAccuracy: measures.nccAccuracy))
            }
            var testFit: LawFit?
            if let test = directory.test {
                for (index, layer) in test.layers.enumerated() {
                    layers[index].testD = try measureLayer(layer.file, labels: test.labels, classCount: classCount,
                                                           pca: pca, related: false).fuzziness
                }
                testFit = try? LawFit(fuzziness: layers.compactMap(\.testD))
            }
            // A single layer has D but no law to fit.
            let fit: LawFit?
            do {
                fit = layers.count >= 2 ? try LawFit(fuzziness: layers.map(\.D)) : nil
            } catch {
                throw FeatureFileError(path: path, message: "fitting the law: \(error)")
            }
            return MeasureResult(directory: path, status: .ok, message: nil, points: directory.labels.count, classes: classCount,
                                 testPoints: directory.test?.labels.count, pca: pca, layers: layers, fit: fit, testFit: testFit,
                                 seconds: start.duration(to: clock.now).inSeconds, blas: blas)
        } catch {
            return .failure(path, message: "\(error)", blas: blas)
        }
    }

    /// D (and, with `related`, NC1 and nearest-centre accuracy) of one layer file.
    public static func measureLayer(_ file: NumPyFile, labels: [Int], classCount: Int, pca: Int?,
                             related: Bool) throws -> StreamedLayerMeasures {
        do {
            if let pca, file.rowLength > pca {
                return try reduced(file, labels: labels, classCount: classCount, components: pca, related: related)
            }
            return try StreamingSeparation.measure(file, labels: labels, classCount: classCount, related: related)
        } catch let error as SeparationError {
            throw FeatureFileError(path: file.path, message: "\(error)")
        }
    }

    /// The in-memory PCA path, exactly as a job measures with `measure.pca` (Float32 features unless float64).
    private static func reduced(_ file: NumPyFile, labels: [Int], classCount: Int, components: Int,
                                related: Bool) throws -> StreamedLayerMeasures {
        let n = file.rowCount, p = file.rowLength
        if file.needsDouble {
            var features = Matrix<Double>(rows: n, cols: p)
            try features.storage.withUnsafeMutableBufferPointer { try file.readRows(0..<n, into: $0) }
            let scores = try PrincipalComponents(features, components: components).scores
            return StreamedLayerMeasures(
                fuzziness: try SeparationFuzziness.compute(scores, labels: labels, classCount: classCount),
                nc1: related ? try? NeuralCollapse.nc1(features, labels: labels, classCount: classCount) : nil,
                nccAccuracy: related ? try? NeuralCollapse.nearestClassCentreAccuracy(features, labels: labels, classCount: classCount) : nil)
        }
        var features = Matrix<Float>(rows: n, cols: p)
        try features.storage.withUnsafeMutableBufferPointer { try file.readRows(0..<n, into: $0) }
        let scores = try PrincipalComponents(features, components: components).scores
        return StreamedLayerMeasures(
            fuzziness: try SeparationFuzziness.compute(scores, labels: labels, classCount: classCount),
            nc1: related ? try? NeuralCollapse.nc1(features, labels: labels, classCount: classCount) : nil,
            nccAccuracy: related ? try? NeuralCollapse.nearestClassCentreAccuracy(features, labels: labels, classCount: classCount) : nil)
    }
}
