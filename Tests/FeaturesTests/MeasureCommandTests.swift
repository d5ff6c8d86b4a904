import Foundation
import Linalg
import XCTest
@testable import Features

/// `seplaw measure` and `seplaw run --dump-features` as a user runs them: the real executable, files on disk.
final class MeasureCommandTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = try temporaryDirectory("measure")
    }

    private func layerValues(_ result: [String: Any], _ key: String) throws -> [Double?] {
        let layers = try XCTUnwrap(result["layers"] as? [[String: Any]])
        return layers.map { ($0[key] as? NSNumber)?.doubleValue }
    }

    /// A job's dumped features, measured again: D (train and test) and the fit bit for bit, with and without PCA.
    func testDumpedFeaturesRemeasureBitForBit() throws {
        for (pcaLine, pcaArguments) in [("", [String]()), (", pca: 8", ["--pca", "8"])] {
            let spec = directory + "/spec.yaml"
            try """
                name: dump
                dataset: {name: gaussian, dimension: 12, per_class: 20, test_per_class: 10, separation: 3.0}
                model: {arch: gfnn, depth: 2, width: 16}
                train: {optimizer: momentum, lr: 0.05, epochs: 4, batch_size: 32}
                measure: {test_per_class: 10\(pcaLine)}
                seeds: [3]
                """.write(toFile: spec, atomically: true, encoding: .utf8)
            let features = directory + "/features", runJSON = directory + "/run.json", measureJSON = directory + "/measure.json"
            let run = try MeasureHarness.seplaw(["run", spec, "--dump-features", features, "--json", runJSON])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(try FeatureDirectory(path: features).layers.map(\.name), ["00_input", "01_hidden1", "02_hidden2", "03_hidden3"])
            let measure = try MeasureHarness.seplaw(["measure", features, "--json", measureJSON] + pcaArguments)
            XCTAssertEqual(measure.status, 0, measure.stdout + measure.stderr)
            XCTAssertTrue(measure.stdout.contains("pearson r"), measure.stdout)
            let ran = try MeasureHarness.json(runJSON), measured = try MeasureHarness.json(measureJSON)
            let ranD = try layerValues(ran, "D"), measuredD = try layerValues(measured, "D")
            XCTAssertEqual(ranD.map { $0?.bitPattern }, measuredD.map { $0?.bitPattern }, "\(ranD) vs \(measuredD)")
            XCTAssertEqual(try layerValues(ran, "test_D").map { $0?.bitPattern }, try layerValues(measured, "test_D").map { $0?.bitPattern })
            let ranFit = try XCTUnwrap(ran["fit"] as? [String: Any]), measuredFit = try XCTUnwrap(measured["fit"] as? [String: Any])
            XCTAssertEqual((ranFit["rho"] as? NSNumber)?.doubleValue, (measuredFit["rho"] as? NSNumber)?.doubleValue)
            // NC1 and nearest-centre accuracy: bitwise with PCA (same in-memory code), to rounding when streamed.
            for (a, b) in zip(try layerValues(ran, "nc1"), try layerValues(measured, "nc1")) {
                XCTAssertEqual(try XCTUnwrap(a), try XCTUnwrap(b), accuracy: 1e-10 * abs(try XCTUnwrap(a)))
            }
            XCTAssertEqual(try layerValues(ran, "ncc_accuracy"), try layerValues(measured, "ncc_accuracy"))
            try FileManager.default.removeItem(atPath: features)
        }
    }

    /// Features written by NumPy through Scripts/export_features.py (float32, float16, big-endian float64 in 4-d,
    /// a layer with p > n) give the D of a naive Float64 formula computed by NumPy.
    func testNumPyWrittenFeaturesMatchNaiveFormula() throws {
        let python = try MeasureHarness.pythonWithNumPy()
        let features = directory + "/numpy", expected = directory + "/expected.json"
        let script = """
            import json, sys
            import numpy as np
            sys.path.insert(0, sys.argv[1] + "/Scripts")
            from export_features import write_feature_directory
            rng = np.random.default_rng(7)
            labels = np.concatenate([np.full(c, k) for k, c in enumerate([30, 25, 35])]).astype(np.int32)
            rng.shuffle(labels)
            def layer(p, spread):
                means = rng.normal(size=(3, p)) * 3
                return means[labels] + rng.normal(size=(len(labels), p)) * spread
            layers = [("input", layer(20, 1.0).astype(np.float32)), ("half", layer(8, 2.0).astype(np.float16)),
                      ("big endian", layer(24, 0.5).reshape(-1, 2, 3, 4).astype(">f8")), ("wide", layer(150, 1.0).astype(np.float32))]
            write_feature_directory(sys.argv[2], layers, labels)
            def naive(x, y):
                x = x.reshape(len(x), -1).astype(np.float64)
                n, p = x.shape
                classes = np.unique(y)
                mean = x.mean(0)
                ssw, ssb = np.zeros((p, p)), np.zeros((p, p))
                for k in classes:
                    xk = x[y == k]
                    mk = xk.mean(0)
                    ssw += (xk - mk).T @ (xk - mk)
                    ssb += len(xk) * np.outer(mk - mean, mk - mean)
                ssw /= n
                ssb /= n
                return float(np.trace(ssw @ np.linalg.pinv(ssb, rcond=max(p, len(classes)) * np.finfo(float).eps)))
            json.dump([naive(v, labels) for _, v in layers], open(sys.argv[3], "w"))
            """
        let scriptPath = directory + "/write.py"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let written = try MeasureHarness.run(python, [scriptPath, MeasureHarness.repositoryRoot, features, expected])
        XCTAssertEqual(written.status, 0, written.stderr)
        let measureJSON = directory + "/measure.json"
        let measure = try MeasureHarness.seplaw(["measure", features, "--json", measureJSON])
        XCTAssertEqual(measure.status, 0, measure.stdout + measure.stderr)
        let naive = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: expected))) as? [Double])
        let measured = try layerValues(try MeasureHarness.json(measureJSON), "D")
        XCTAssertEqual(measured.count, 4)
        for (d, reference) in zip(measured, naive) {
            XCTAssertEqual(try XCTUnwrap(d), reference, accuracy: 1e-9 * reference)
        }
        XCTAssertEqual(try FeatureDirectory(path: features).layers.map(\.file.header.descr), ["<f4", "<f2", ">f8", "<f4"])
    }

    /// Truncated, mis-typed, NaN-holding and size-mismatched files: a non-zero exit and a message naming the file.
    func testBadFilesGiveClearErrors() throws {
        func makeGood(_ path: String) throws {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try NumPyWriter.write(labels: [0, 1, 0, 1, 2, 2], to: path + "/labels.npy")
            var x = Matrix<Float>(rows: 6, cols: 3)
            for e in x.storage.indices { x.storage[e] = Float((e * 7) % 5) + Float(e / 3) }
            try NumPyWriter.write(x, to: path + "/a.npy")
            try NumPyWriter.write(x, to: path + "/b.npy")
        }
        let good = directory + "/good"
        try makeGood(good)
        XCTAssertEqual(try MeasureHarness.seplaw(["measure", good]).status, 0)

        let nanBytes = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (6, 3), }",
                                data: littleEndianBytes((0..<18).map { Float($0 == 13 ? .nan : Float($0)).bitPattern }))
        let cases: [(String, String, (String) throws -> Void, [String])] = [
            ("truncated", "b.npy", { path in
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                try bytes.prefix(bytes.count - 5).write(to: URL(fileURLWithPath: path))
            }, ["truncated", "needs 72 data bytes"]),
            ("float labels", "labels.npy", { path in
                try NumPyWriter.write(Matrix<Float>(rows: 6, cols: 1), to: path)
            }, ["labels must be a 1-d array"]),
            ("integer features", "a.npy", { path in
                try write(npyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (6, 3), }", data: [UInt8](repeating: 0, count: 72)), to: path)
            }, ["'<i4'", "features must be float16, float32 or float64"]),
            ("complex features", "a.npy", { path in
                try write(npyBytes("{'descr': '<c8', 'fortran_order': False, 'shape': (6, 3), }", data: [UInt8](repeating: 0, count: 144)), to: path)
            }, ["unsupported element type '<c8'"]),
            ("nan", "b.npy", { path in try write(nanBytes, to: path) }, ["row 4, column 1", "nan"]),
            ("rows", "a.npy", { path in try NumPyWriter.write(Matrix<Float>(rows: 5, cols: 3), to: path) }, ["5 rows", "6 labels"]),
            ("not npy", "a.npy", { path in try write(Array("a,b,c\n1,2,3\n".utf8), to: path) }, ["not a NumPy .npy file"]),
        ]
        for (name, file, corrupt, fragments) in cases {
            let dir = directory + "/" + name.replacingOccurrences(of: " ", with: "-")
            try makeGood(dir)
            try corrupt(dir + "/" + file)
            let outcome = try MeasureHarness.seplaw(["measure", dir])
            XCTAssertEqual(outcome.status, 2, "\(name): \(outcome.stdout) \(outcome.stderr)")
            XCTAssertTrue(outcome.stdout.contains(dir + "/" + file), "\(name): \(outcome.stdout)")
            for fragment in fragments { XCTAssertTrue(outcome.stdout.contains(fragment), "\(name): '\(fragment)' missing in \(outcome.stdout)") }
            XCTAssertTrue(outcome.stderr.contains("1 of 1 directories could not be measured"), outcome.stderr)
        }
        let missing = try MeasureHarness.seplaw(["measure", directory + "/none"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stdout.contains("is not a directory of features"), missing.stdout)
    }

    /// Scripts/export_features.py on a small BatchNorm CNN (when PyTorch is importable, e.g. in .venv-bench):
    /// BatchNorm in train mode uses each chunk's statistics, eval mode the running ones, the model's state is left
    /// unchanged, and the directory it writes measures.
    func testPyTorchHelperWritesMeasurableFeatures() throws {
        let venv = MeasureHarness.repositoryRoot + "/.venv-bench/bin/python"
        let python = FileManager.default.isExecutableFile(atPath: venv) ? venv : try MeasureHarness.pythonWithNumPy()
        guard (try? MeasureHarness.run(python, ["-c", "import torch"]))?.status == 0 else {
            throw XCTSkip("PyTorch is not importable (by \(python)): install it into .venv-bench (Scripts/bench-pytorch.sh does)")
        }
        let script = directory + "/check.py", features = directory + "/torch"
        try #"""
import sys, numpy as np, torch
sys.path.insert(0, sys.argv[2] + "/Scripts")
from export_features import export, collect_features
torch.manual_seed(0)
class Block(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = torch.nn.Conv2d(c, c, 3, padding=1, bias=False); self.bn = torch.nn.BatchNorm2d(c)
    def forward(self, x): return torch.relu(x + self.bn(self.conv(x)))
model = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3, padding=1), torch.nn.BatchNorm2d(4), torch.nn.ReLU(),
                            Block(4), Block(4), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Dropout(0.5), torch.nn.Linear(4, 3))
# some running statistics to protect
model.train(); model(torch.randn(64, 1, 8, 8))
before = {k: v.clone() for k, v in model.state_dict().items()}
labels = torch.arange(300) % 3
inputs = torch.randn(300, 1, 8, 8) + labels.view(-1, 1, 1, 1).float()
dataset = list(zip(inputs, labels))
export(model, dataset, ["2", "3", "4", "6"], count=250, directory=sys.argv[1], bn_mode="train", test_dataset=dataset[250:], test_count=50)
after = model.state_dict()
assert all(torch.equal(before[k], after[k]) for k in before), "state changed"
assert model.training
# train-mode chunks: layer "2" of the first 100 points equals a forward of those 100 alone with batch statistics
layers = collect_features(model, inputs[:100], ["2"], bn_mode="train", chunk=100)
m2 = torch.nn.Sequential(*list(model)[:3]); m2.train()
with torch.no_grad(): ref = m2(inputs[:100]).numpy()
model.load_state_dict(before)
assert np.array_equal(layers[1][1], ref), "chunk statistics"
model.eval()
with torch.no_grad(): ev = torch.nn.Sequential(*list(model)[:3])(inputs[:100]).numpy()
assert np.array_equal(collect_features(model, inputs[:100], ["2"], bn_mode="eval")[1][1], ev)
assert all(torch.equal(before[k], model.state_dict()[k]) for k in before)
print("ok", [l for l in open(sys.argv[1] + "/layers.txt").read().split()])
"""#.write(toFile: script, atomically: true, encoding: .utf8)
        let check = try MeasureHarness.run(python, [script, features, MeasureHarness.repositoryRoot])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let measure = try MeasureHarness.seplaw(["measure", features])
        XCTAssertEqual(measure.status, 0, measure.stdout + measure.stderr)
        XCTAssertTrue(measure.stdout.contains("250 points, 3 classes, 50 test points"), measure.stdout)
        XCTAssertTrue(measure.stdout.contains("04_6"), measure.stdout)
    }
}
