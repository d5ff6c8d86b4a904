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
first=$(run "$own")
second=$(run "")
echo "$first"
echo "$second"
python3 - "$first" "$second" <<'PY'
import re, sys
def figures(text):
    ceiling = float(re.search(r"sgemm 1024³: ([0-9.]+) GFLOP/s", text).group(1))
    core = re.search(r"OpenBLAS core (\S+),", text).group(1)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    rows = [line.split() for line in lines[start:] if line.strip()]
    return core, ceiling, rows
(core_a, ceiling_a, rows_a), (core_b, ceiling_b, rows_b) = figures(sys.argv[1]), figures(sys.argv[2])
print(f"sgemm ceiling: {core_a} {ceiling_a:.1f} GFLOP/s, {core_b} {ceiling_b:.1f} GFLOP/s: ×{ceiling_b / ceiling_a:.2f}")
for a, b in zip(rows_a, rows_b):
    label = " ".join(a[:-7])
    train_a, measure_a, train_b, measure_b = float(a[-6]), float(a[-5]), float(b[-6]), float(b[-5])
    print(f"{label}: train {train_a:.2f} → {train_b:.2f} s (×{train_a / train_b:.2f}), "
          f"measure {measure_a:.3f} → {measure_b:.3f} s (×{measure_a / max(measure_b, 1e-9):.2f})")
PY
