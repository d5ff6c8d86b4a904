#!/usr/bin/env bash
# What choosing OpenBLAS's kernels gains: the same `seplaw bench` run twice in a row, once on the kernels OpenBLAS
# picks by itself (OPENBLAS_CORETYPE unset, seplaw's own choice switched off by naming that core) and once on the
# core seplaw asks for; prints both rows and the ratios.
#   bash Scripts/bench-blas-core.sh [--spec FILE --jobs 0 --epochs N]   (default: the width-1000 GFNN, 3 epochs)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${SEPLAW:-.build/release/seplaw}
[ -x "$binary" ] || swift build -c release >/dev/null
arguments=("$@")
[ ${#arguments[@]} -gt 0 ] || arguments=(--spec Configs/bench-width1000.yaml --jobs 0 --epochs 3)
own=$(python3 - <<'PY'
import ctypes, ctypes.util
lib = ctypes.CDLL(ctypes.util.find_library("openblas") or "libopenblas.so.0")
lib.openblas_get_corename.restype = ctypes.c_char_p
print(lib.openblas_get_corename().decode())
PY
)
echo "OpenBLAS by itself: $own"
run() { env -u OPENBLAS_CORETYPE ${1:+OPENBLAS_CORETYPE=$1} "$binary" bench "${arguments[@]}"; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
run "$own" > "$scratch/first"
run "" > "$scratch/second"
cat "$scratch/first" "$scratch/second"
python3 Scripts/bench_ab.py --a "OpenBLAS core $own" --b "OpenBLAS core $(grep -o 'OpenBLAS core [A-Za-z0-9]*' "$scratch/second" | head -1 | cut -d' ' -f3)" "$scratch/first" "$scratch/second"
