#!/usr/bin/env bash
# seplaw against PyTorch on the CPU at equal threads (Benchmarks/compare_pytorch.py): installs PyTorch
# (CPU build) from PyPI into .venv-bench on first use, builds seplaw (release) and compares job by job.
#   bash Scripts/bench-pytorch.sh [--spec FILE] [--jobs 0,1,2 | 0-7] [--epochs N] [--threads N] [--seplaw PATH]
# The default spec is Configs/paper-figure1.yaml (jobs 0,1,2: the plain-SGD GFNNs); the convolutional networks:
#   bash Scripts/bench-pytorch.sh --spec Configs/conv-collection-reference.yaml --jobs 0-7 --epochs 2
# The paper's networks at the paper's widths (job 0 of each: Fashion-MNIST, 1000 images), here at 2 threads:
#   bash Scripts/bench-pytorch.sh --spec Configs/paper-resnet-basic.yaml --jobs 0 --epochs 3 --threads 2
#   bash Scripts/bench-pytorch.sh --spec Configs/bench-vgg13-full.yaml --jobs 0 --epochs 1 --threads 2
# --threads N runs seplaw with --threads N (OpenBLAS then on one thread) and PyTorch with torch.set_num_threads(N).
# All of the paper's networks at 1 thread and at N threads (default: the cores); --full-width adds VGG13 and
# AlexNet at full width (one epoch each, minutes per row on one core):
#   bash Scripts/bench-pytorch.sh --paper [--full-width] [--threads N]
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
if [ "${1:-}" = "--paper" ]; then
    shift
    full_width=0 threads=$(nproc)
    while [ $# -gt 0 ]; do
        case "$1" in
            --full-width) full_width=1 ;;
            --threads) threads="$2"; shift ;;
            --seplaw) binary=(--seplaw "$2"); shift ;;
            *) echo "bench-pytorch.sh --paper: unknown option $1" >&2; exit 2 ;;
        esac
        shift
    done
    runs=("Configs/paper-resnet-basic.yaml 3" "Configs/paper-resnet-bottleneck.yaml 3" "Configs/paper-resnet-mixed.yaml 3")
    [ "$full_width" = 1 ] && runs+=("Configs/bench-vgg13-full.yaml 1" "Configs/bench-alexnet-full.yaml 1")
    for count in 1 "$threads"; do
        for run in "${runs[@]}"; do
            read -r spec epochs <<<"$run"
            .venv-bench/bin/python Benchmarks/compare_pytorch.py "${binary[@]}" --spec "$spec" --jobs 0 --epochs "$epochs" --threads "$count"
        done
        [ "$threads" = 1 ] && break
    done
    exit 0
fi
.venv-bench/bin/python Benchmarks/compare_pytorch.py "${binary[@]}" "$@"
