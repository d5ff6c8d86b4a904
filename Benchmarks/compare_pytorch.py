"""seplaw against the PyTorch reference, job by job, at equal threads: runs each job with `seplaw run` (its JobResult
gives the parameters, the measured points and the training seconds), then the same network, optimiser, schedule
and data shapes in PyTorch (pytorch_reference.py), and prints the ratio PyTorch time / seplaw time. `--threads N`
runs seplaw with `--threads N` (its team; OpenBLAS then on one thread) and PyTorch with `torch.set_num_threads(N)`.

Before a job is timed in PyTorch its network is checked against seplaw's: the measured points (names and feature
counts, the input first) must be those of seplaw's result, and the model's output shape and parameter count those
of the plan (pytorch_models.py). `--epochs N` trains both for N epochs instead of the spec's (a temporary copy of
the spec with every `epochs:` value replaced, so the milestones are those seplaw derives for N epochs).

    python Benchmarks/compare_pytorch.py --seplaw .build/release/seplaw --spec Configs/paper-figure1.yaml --jobs 0,1,2
    python Benchmarks/compare_pytorch.py --spec Configs/conv-collection-reference.yaml --jobs 0-7 --epochs 2
    python Benchmarks/compare_pytorch.py --spec Configs/bench-vgg13-full.yaml --jobs 0 --epochs 1 --threads 2
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# Training images of a dataset used whole (`per_class: all`), and the native side of the image datasets.
FULL_SIZE = {"fashion-mnist": 60000, "mnist": 60000, "kmnist": 60000, "cifar10": 50000}
NATIVE_SIDE = {"fashion-mnist": 28, "mnist": 28, "kmnist": 28, "cifar10": 32}
FLAT_ARCHITECTURES = {"gfnn", "mlp"}


def job_indices(text):
    """`0,1,2` or ranges `0-7`, `0-3,6`."""
    indices = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            first, last = part.split("-")
            indices += [str(i) for i in range(int(first), int(last) + 1)]
        elif part:
            indices.append(part)
    return indices


def spec_with_epochs(spec, epochs, directory):
    """A copy of `spec` in `directory` with every `epochs: N` (train.epochs, also in cases) set to `epochs`."""
    text = open(spec).read()
    replaced, count = re.subn(r"\bepochs:(\s*)\d+\b", lambda m: f"epochs:{m.group(1)}{epochs}", text)
    if count == 0:
        sys.exit(f"{spec} sets no `epochs:`; add `epochs:` to its train mapping to use --epochs")
    path = os.path.join(directory, os.path.basename(spec))
    with open(path, "w") as out:
        out.write(replaced)
    return path


def input_shape(dataset):
    """(C, H, W) of one example, as DatasetRecipe.exampleShape; a flat example is (d, 1, 1)."""
    name = dataset["name"]
    if name in NATIVE_SIDE:
        side = dataset.get("resize") or NATIVE_SIDE[name]
        channels = 1 if name != "cifar10" or dataset.get("channels") == "green" else 3
        return channels, side, side
    return dataset["dimension"], 1, 1


def training_points(dataset):
    if dataset.get("classCounts"):
        return sum(dataset["classCounts"])
    if dataset.get("perClass") is not None:
        return dataset["perClass"] * 10
    return FULL_SIZE[dataset["name"]]


def reference_arguments(result, threads):
    """pytorch_reference.py's arguments for the job of `result`."""
    spec, p = result["spec"], result["params"]
    model, train, dataset = spec["model"], spec["train"], spec["dataset"]
    arch = model["arch"]
    c, h, w = input_shape(dataset)
    if c * h * w != result["layers"][0]["dim"]:
        sys.exit(f"input shape {c}×{h}×{w} but seplaw's input has {result['layers'][0]['dim']} features")
    arguments = ["--arch", arch, "--depth", str(model["depth"]), "--points", str(training_points(dataset)),
                 "--classes", str(len(dataset["classCounts"]) if dataset.get("classCounts") else 10),
                 "--epochs", str(train["epochs"]), "--batch-size", str(train["batchSize"]),
                 "--optimizer", train["optimizer"], "--lr", repr(train["lr"]), "--momentum", repr(train["momentum"]),
                 "--betas", ",".join(repr(b) for b in train["betas"]), "--eps", repr(train["eps"]),
                 "--weight-decay", repr(train["weightDecay"]),
                 "--milestones", ",".join(str(m) for m in train["milestones"]), "--gamma", repr(train["gamma"]),
                 "--threads", str(threads)]
    if arch in FLAT_ARCHITECTURES:
        arguments += ["--input", str(c * h * w), "--width", str(model["width"]),
                      "--widths", ",".join(str(v) for v in model.get("widths", [])),
                      "--activation", model["activation"]] + ([] if model["batchnorm"] else ["--no-batchnorm"])
    else:
        arguments += ["--shape", f"{c},{h},{w}", "--width-multiplier", repr(model.get("widthMultiplier", 1.0)),
                      "--repeat", str(p["model.repeat"]), "--block", model.get("block", "basic"),
                      "--per", model.get("per", "block")]
    return arguments


def label(result):
    p = result["params"]
    arch, optimizer = p["model.arch"], p["train.optimizer"]
    if arch == "gfnn":
        return f"m={p['model.depth']} w={p['model.width']} {optimizer}"
    if arch == "mlp":
        return f"mlp {'-'.join(str(v) for v in p['model.widths'])} {optimizer}"
    depth = p.get("model.depth")
    name = {"vgg": f"vgg{depth}", "densenet": f"densenet{depth}", "googlenet": f"googlenet{depth}"}.get(arch, arch)
    if arch == "resnet":  # as the plan names it: resnet-basic4, resnet-mixed4 (2 bottleneck + 2 basic blocks)
        name = f"resnet-{p['model.block']}{2 * depth if p['model.block'] == 'mixed' else depth}"
        if p.get("model.per") == "layer":
            name += "/layer"
    return f"{name} ×{p['model.width_multiplier']:g} {optimizer}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seplaw", default=".build/release/seplaw")
    parser.add_argument("--spec", default="Configs/paper-figure1.yaml")
    parser.add_argument("--jobs", default="0,1,2", help="job indices: 0,1,2 or 0-7")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=None, help="train both for this many epochs (default: the spec's)")
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    print(f"seplaw --threads {args.threads}, torch.set_num_threads({args.threads})"
          f"{', OPENBLAS_CORETYPE=' + os.environ['OPENBLAS_CORETYPE'] if os.environ.get('OPENBLAS_CORETYPE') else ''}")
    print(f"{'job':>3}  {'network':<36} {'parameters':>10} {'points':>6} {'epochs':>6}  {'seplaw s':>9}  {'PyTorch s':>9}"
          f"  {'PyTorch / seplaw':>16}", flush=True)
    with tempfile.TemporaryDirectory() as directory:
        spec = args.spec if args.epochs is None else spec_with_epochs(args.spec, args.epochs, directory)
        for job in job_indices(args.jobs):
            out = os.path.join(directory, f"job{job}.json")
            subprocess.run([args.seplaw, "run", spec, "--job", job, "--json", out, "--threads", str(args.threads)],
                           check=True, stdout=subprocess.DEVNULL)
            result = json.load(open(out))
            p = result["params"]
            if result["status"] != "ok":
                print(f"{job:>3}  {label(result):<36} seplaw: {result['status']} ({result.get('message')}); not compared")
                continue
            if args.epochs is not None and p["train.epochs"] != args.epochs:
                sys.exit(f"job {job}: seplaw trained {p['train.epochs']} epochs, not --epochs {args.epochs}")
            if result["spec"]["train"].get("phases", ["none"]) != ["none"]:
                print(f"{job:>3}  {label(result):<36} frozen-layer phases {p['train.phases']}: not in the reference; skipped")
                continue
            reference = subprocess.run([sys.executable, os.path.join(here, "pytorch_reference.py")]
                                       + reference_arguments(result, args.threads), capture_output=True, text=True)
            if reference.returncode != 0:
                sys.exit(f"job {job}: the PyTorch reference failed:\n{reference.stderr}")
            torch_result = json.loads(reference.stdout.strip().splitlines()[-1])
            ours = [[layer["name"], layer["dim"]] for layer in result["layers"]]
            if torch_result["points"] != ours:
                sys.exit(f"job {job}: measured points differ\n  seplaw:  {ours}\n  PyTorch: {torch_result['points']}")
            torch_seconds, seconds = torch_result["seconds"], result["seconds"]["train"]
            print(f"{job:>3}  {label(result):<36} {torch_result['parameters']:>10,} {len(ours):>6} {p['train.epochs']:>6}"
                  f"  {seconds:>9.2f}  {torch_seconds:>9.2f}  {torch_seconds / seconds:>15.2f}×", flush=True)


if __name__ == "__main__":
    main()
