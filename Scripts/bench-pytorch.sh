#!/usr/bin/env bash
# seplaw against PyTorch on the CPU at equal threads (Benchmarks/compare_pytorch.py): installs PyTorch
# (CPU build) from PyPI into .venv-bench on first use, builds seplaw (release) and compares job by job.
#   bash Scripts/bench-pytorch.sh [--jobs 0,1,2,...] [--threads N]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-bench/bin/python ]; then
    python3 -m venv .venv-bench
    .venv-bench/bin/pip install -q "torch==2.13.0+cpu" numpy || .venv-bench/bin/pip install -q torch numpy
fi
swift build -c release >/dev/null
.venv-bench/bin/python Benchmarks/compare_pytorch.py --seplaw .build/release/seplaw "$@"
