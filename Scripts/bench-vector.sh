#!/usr/bin/env bash
# What the AVX-512 kernels gain over the AVX2 ones on this CPU: the same `seplaw bench` run alternately with
# SEPLAW_VECTOR_LIMIT=avx2 (A) and without a cap (B), ROUNDS times (default 2); prints every row and the medians'
# ratios. Both paths give the same bits, so the rows' losses and r agree.
#   bash Scripts/bench-vector.sh [--spec FILE --jobs 0 --epochs N]   (default: the paper's basic ResNet, 6 epochs)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${SEPLAW:-.build/release/seplaw}
[ -x "$binary" ] || swift build -c release >/dev/null
arguments=("$@")
[ ${#arguments[@]} -gt 0 ] || arguments=(--spec Configs/paper-resnet-basic.yaml --jobs 0 --epochs 6)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
outputs=()
for round in $(seq "${ROUNDS:-2}"); do
    SEPLAW_VECTOR_LIMIT=avx2 "$binary" bench "${arguments[@]}" > "$scratch/a$round"
    env -u SEPLAW_VECTOR_LIMIT "$binary" bench "${arguments[@]}" > "$scratch/b$round"
    cat "$scratch/a$round" "$scratch/b$round"
    outputs+=("$scratch/a$round" "$scratch/b$round")
done
python3 Scripts/bench_ab.py --a "avx2" --b "$(grep -o 'convolutions: [a-z0-9-]*' "$scratch/b1")" "${outputs[@]}"
