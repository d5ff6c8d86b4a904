"""Seed-averaged agreement of the law between seplaw and PyTorch on two of the authors' experiments.

`--network resnet` (default): the authors' ResNet basic ×4, measured per block, every point wider than 100 reduced
to its top 100 principal components (full SVD of the centred n × p features), Adam 1e-3.
`--network gfnn`: the full-size GFNN, width 1000, m = 2 hidden layers, the flattened 32×32 image as input, every
layer measured as it is, Adam 1e-4.

Both sides train the same network (pytorch_models.py builds it from the layer list seplaw's builder emits) with the
same recipe — Fashion-MNIST, 100 training images per class, resized to 32×32 and normalised (x − 0.2860)/0.3530,
Adam with weight decay 5e-4, batch 128 reshuffled every epoch, rate ÷10 at epochs/3 and 2·epochs/3 — then read
the features of the training set after the last epoch with BatchNorm in training mode over consecutive chunks of
100 points of a shuffled order, and fit log D_l = a + l·log ρ over l = 0…L, D = Tr(SS_w SS_b⁺). The verdict on
the law is "holds" when the mean Pearson r of (l, log D_l) is below −0.95 (the threshold `seplaw report` uses).

The two sides draw their 1000 training images independently (seplaw with its own seeded sampler, PyTorch with
numpy's), so the comparison is statistical: mean ρ and r over seeds on each side, with standard errors.
seplaw runs through `seplaw run` on a spec written here. Usage:
    .venv-bench/bin/python Benchmarks/pytorch_agreement.py [--network resnet|gfnn] --epochs 30 --seeds 3 \
        [--seplaw .build/release/seplaw]
"""
import argparse
import json
import math
import os
import subprocess
import tempfile

import numpy as np
import torch
from torch.nn import functional as F

import pytorch_fixtures as fixtures
import pytorch_models as models

SPEC = """name: agreement-{network}
description: seplaw against PyTorch, {network}, Adam {lr}, {epochs} epochs, seeds
dataset: {{name: fashion-mnist, resize: 32, per_class: 100, normalize: [0.2860, 0.3530]}}
train: {{optimizer: adam, lr: {lr}, epochs: {epochs}, batch_size: 128, weight_decay: 5.0e-4}}
{model_and_measure}
seeds: [{seeds}]
"""

# Per network: seplaw's model and measure sections, the PyTorch plan's arguments, the PCA dimension, the rate.
NETWORKS = {
    "resnet": dict(spec="model: {arch: resnet, block: basic, depth: 4, width_multiplier: 1.0}\n"
                        "measure: {batchnorm: train, chunk: 100, pca: 100}",
                   plan=dict(arch="resnet", block="basic", depth=4), pca=100, lr=1e-3),
    "gfnn": dict(spec="model: {arch: gfnn, depth: 2, width: 1000}\n"
                      "measure: {batchnorm: train, chunk: 100}",
                 plan=dict(arch="gfnn", depth=2, width=1000), pca=None, lr=1e-4),
}


def fuzziness(features, labels, classes=10):
    """D = Tr(SS_w SS_b⁺) in Float64 (SS_b weighted by n_k / n)."""
    x = features.astype(np.float64)
    n = len(x)
    mean = x.mean(0)
    means = np.stack([x[labels == k].mean(0) for k in range(classes)])
    counts = np.array([(labels == k).sum() for k in range(classes)])
    centred = x - means[labels]
    within = centred.T @ centred / n
    d = means - mean
    between = (d.T * (counts / n)) @ d
    # SS_b has rank K − 1 at most; NumPy's default cut (1e-15 of the largest singular value) keeps rounding noise of
    # a 1000-wide layer as tiny eigenvalues whose inverses swamp the trace, so cut at 1e-10 of the largest.
    return float(np.trace(within @ np.linalg.pinv(between, rcond=1e-10, hermitian=True)))


def reduced(features, dimension):
    if dimension is None or features.shape[1] <= dimension:
        return features
    x = features.astype(np.float64) - features.mean(0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    return x @ vt[:dimension].T


def fit(values):
    logs = np.log(values)
    layers = np.arange(len(values))
    slope, _ = np.polyfit(layers, logs, 1)
    return math.exp(slope), float(np.corrcoef(layers, logs)[0, 1])


def torch_run(network, seed, epochs, lr, data):
    generator = np.random.default_rng(seed)
    images = fixtures.read_idx(os.path.join(data, "train-images-idx3-ubyte.gz"))
    labels = fixtures.read_idx(os.path.join(data, "train-labels-idx1-ubyte.gz")).astype(np.int64)
    chosen = np.concatenate([generator.choice(np.flatnonzero(labels == k), 100, replace=False) for k in range(10)])
    x = torch.tensor(images[chosen].astype(np.float32) / 255).unsqueeze(1)
    x = F.interpolate(x, size=(32, 32), mode="bilinear", align_corners=False)
    x = (x - 0.2860) / 0.3530
    y = torch.tensor(labels[chosen])
    torch.manual_seed(seed)
    plan = models.network_plan(models.Shape(1, 32, 32), **NETWORKS[network]["plan"])
    model = models.build(plan).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=5e-4)
    milestones = sorted({m for m in (epochs // 3, 2 * epochs // 3) if m >= 1})
    schedule = torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones, 0.1)
    n = len(x)
    for _ in range(epochs):
        order = torch.randperm(n)
        for start in range(0, n, 128):
            batch = order[start:start + 128]
            optimizer.zero_grad()
            F.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
        schedule.step()
    order = torch.randperm(n)
    points = [[] for _ in plan.points]
    with torch.no_grad():
        correct = 0
        for start in range(0, n, 100):
            batch = order[start:start + 100]
            recorded = []
            hooks = [m.register_forward_hook(lambda _m, _i, out: recorded.append(out.flatten(1).clone()))
                     for m in model.modules() if isinstance(m, models.MeasurePoint)]
            logits = model(x[batch])
            for h in hooks:
                h.remove()
            correct += int((logits.argmax(1) == y[batch]).sum())
            points[0].append(x[batch].flatten(1))
            for l, features in enumerate(recorded):
                points[l + 1].append(features)
    ordered = y[order].numpy()
    d = [fuzziness(reduced(torch.cat(p).numpy(), NETWORKS[network]["pca"]), ordered) for p in points]
    rho, r = fit(d)
    return dict(rho=rho, r=r, D=d, train_accuracy=correct / n)


def seplaw_runs(network, binary, seeds, epochs, lr):
    results = []
    with tempfile.TemporaryDirectory() as directory:
        spec = os.path.join(directory, "agreement.yaml")
        with open(spec, "w") as handle:
            handle.write(SPEC.format(network=network, model_and_measure=NETWORKS[network]["spec"], lr=lr,
                                     epochs=epochs, seeds=", ".join(str(s) for s in seeds)))
        for job in range(len(seeds)):
            out = os.path.join(directory, f"job{job}.json")
            subprocess.run([binary, "run", spec, "--job", str(job), "--json", out], check=True, stdout=subprocess.DEVNULL)
            result = json.load(open(out))
            results.append(dict(rho=result["fit"]["rho"], r=result["fit"]["pearson_r"],
                                D=[layer["D"] for layer in result["layers"]],
                                train_accuracy=result.get("train_accuracy")))
            report_seed("seplaw", seeds[job], results[-1])
    return results


def report_seed(name, seed, run):
    """One seed's figures as soon as they exist (a long run shows its progress, and a stopped one keeps them)."""
    print(f"{name:<8} seed {seed}: ρ {run['rho']:.4f}  r {run['r']:+.4f}  D {', '.join(f'{d:.3f}' for d in run['D'])}",
          flush=True)


def summary(name, runs):
    rhos = np.array([run["rho"] for run in runs])
    rs = np.array([run["r"] for run in runs])
    accuracies = ", ".join(f"{run['train_accuracy']:.3f}" for run in runs if run["train_accuracy"] is not None)
    error = rhos.std(ddof=1) / math.sqrt(len(rhos)) if len(rhos) > 1 else float("nan")
    verdict = "holds" if rs.mean() < -0.95 else "weakens"
    print(f"{name:<8} ρ {rhos.mean():.3f} ± {error:.3f} (per seed {', '.join(f'{v:.3f}' for v in rhos)})  "
          f"r {rs.mean():+.3f} (per seed {', '.join(f'{v:+.3f}' for v in rs)})  train acc {accuracies}  "
          f"law {verdict}")
    return rhos.mean(), error, verdict


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--network", choices=sorted(NETWORKS), default="resnet")
    parser.add_argument("--seplaw", default=".build/release/seplaw")
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--lr", type=float, help="Adam's rate (default: 1e-3 for the ResNet, 1e-4 for the GFNN)")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--skip-seplaw", action="store_true")
    parser.add_argument("--skip-torch", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    seeds = list(range(args.seeds))
    lr = args.lr if args.lr is not None else NETWORKS[args.network]["lr"]
    if not args.skip_seplaw:
        ours = seplaw_runs(args.network, args.seplaw, seeds, args.epochs, lr)
        mean_ours, error_ours, verdict_ours = summary("seplaw", ours)
    if args.skip_torch:
        return
    reference = []
    for seed in seeds:
        reference.append(torch_run(args.network, seed, args.epochs, lr, args.data))
        report_seed("PyTorch", seed, reference[-1])
    mean_torch, error_torch, verdict_torch = summary("PyTorch", reference)
    if args.skip_seplaw:
        return
    allowed = max(0.05, 2 * math.hypot(error_torch, error_ours))
    print(f"|Δρ| {abs(mean_ours - mean_torch):.3f}, allowed max(0.05, 2 standard errors) = {allowed:.3f}: "
          f"{'agree' if abs(mean_ours - mean_torch) <= allowed else 'DISAGREE'}; verdict on the law: "
          f"{'the same' if verdict_ours == verdict_torch else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
