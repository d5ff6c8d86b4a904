"""seplaw against the PyTorch reference, job by job, at equal threads: runs each job with `seplaw run`
(its JobResult gives the parameters and the training seconds), then the same network, optimiser,
schedule and data shapes in PyTorch (pytorch_gfnn.py), and prints the ratio PyTorch time / seplaw time.

    python Benchmarks/compare_pytorch.py --seplaw .build/release/seplaw --spec Configs/paper-figure1.yaml --jobs 0,1,2
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seplaw", default=".build/release/seplaw")
    parser.add_argument("--spec", default="Configs/paper-figure1.yaml")
    parser.add_argument("--jobs", default="0,1,2")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    print(f"{'job':>3}  {'network':<22} {'epochs':>6}  {'seplaw s':>9}  {'PyTorch s':>9}  {'PyTorch / seplaw':>16}")
    for job in args.jobs.split(","):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            subprocess.run([args.seplaw, "run", args.spec, "--job", job, "--json", out.name,
                            "--blas-threads", str(args.threads)], check=True, stdout=subprocess.DEVNULL)
            result = json.load(open(out.name))
        p = result["params"]
        input_dim = result["layers"][0]["dim"]
        points = int(p.get("dataset.per_class", 100)) * 10
        reference = subprocess.run(
            [sys.executable, os.path.join(here, "pytorch_gfnn.py"), "--depth", str(p["model.depth"]),
             "--width", str(p["model.width"]), "--input", str(input_dim), "--points", str(points),
             "--epochs", str(p["train.epochs"]), "--optimizer", p["train.optimizer"], "--lr", str(p["train.lr"]),
             "--threads", str(args.threads)],
            check=True, capture_output=True, text=True)
        torch_seconds = json.loads(reference.stdout.strip().splitlines()[-1])["seconds"]
        ours = result["seconds"]["train"]
        name = f"m={p['model.depth']} w={p['model.width']} {p['train.optimizer']}"
        print(f"{job:>3}  {name:<22} {p['train.epochs']:>6}  {ours:>9.2f}  {torch_seconds:>9.2f}  {torch_seconds / ours:>15.2f}×")


if __name__ == "__main__":
    main()
