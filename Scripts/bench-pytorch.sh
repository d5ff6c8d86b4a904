#!/usr/bin/env bash
# seplaw against PyTorch on the CPU at equal threads (Benchmarks/compare_pytorch.py): installs PyTorch
# (CPU build) from PyPI into .venv-bench on first use, builds seplaw (release) and compares job by job.
#   bash Scripts/bench-pytorch.sh [--spec FILE] [--jobs 0,1,2 | 0-7] [--epochs N] [--threads N] [--seplaw PATH]
# The default spec is Configs/paper-figure1.yaml (jobs 0,1,2: the plain-SGD GFNNs); the convolutional networks:
#   bash Scripts/bench-pytorch.sh --spec Configs/conv-collection-reference.yaml --jobs 0-7 --epochs 2
# With --seplaw PATH that binary is used and nothing is built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -q "torch==2.13.0+cpu" numpy || .venv-bench/bin/pip install -q torch numpy
fi
binary=()
case " $* " in
    *" --seplaw "* | *" --seplaw="*) ;;
    *)
        swift build -c release >/dev/null
        binary=(--seplaw .build/release/seplaw)
        ;;
esac
.venv-bench/bin/python Benchmarks/compare_pytorch.py "${binary[@]}" "$@"
