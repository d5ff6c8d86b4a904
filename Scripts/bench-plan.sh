#!/usr/bin/env bash
# Times `seplaw plan` on a generated GFNN grid near the 1,000,000-job cap: depth × width × learning rate × seeds
# (10 × 10 × LRS × SEEDS jobs), Fashion-MNIST as in the paper's studies. Prints the job count the plan states, its
# table's length, and the CPU and wall seconds of the run (GNU time).
#
#   bash Scripts/bench-plan.sh                  # 10 × 10 × 100 × 100 = 1,000,000 jobs, release build
#   LRS=20 SEEDS=25 BUILD=debug bash Scripts/bench-plan.sh   # 50,000 jobs, debug build
#
# The spec and the plan's output land in BENCH_DIR (default a temporary directory, removed afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
lrs=${LRS:-100}
seeds=${SEEDS:-100}
build=${BUILD:-release}
binary=.build/$build/seplaw
[ -x "$binary" ] || { echo "bench-plan: $binary missing (swift build -c $build)" >&2; exit 2; }
dir=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir"
spec=$dir/plan-grid.yaml
python3 - "$spec" "$lrs" "$seeds" <<'PY'
import sys
path, lrs, seeds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def flow(values): return "[" + ", ".join(str(v) for v in values) + "]"
with open(path, "w") as f:
    f.write(f"""name: plan-grid
description: a GFNN grid near the job cap, for timing seplaw plan
dataset: {{name: fashion-mnist, per_class: 100}}
model: {{arch: gfnn, depth: 6, width: 100, batchnorm: true}}
train: {{optimizer: sgd, lr: 0.01, epochs: 600, batch_size: 128, weight_decay: 5.0e-4}}
grid:
  model.depth: {flow(range(1, 11))}
  model.width: {flow(50 * (i + 1) for i in range(10))}
  train.lr: {flow(repr(round(0.001 * (1 + 0.01 * i), 8)) for i in range(lrs))}
seeds: {flow(range(seeds))}
""")
PY
/usr/bin/time -f "%U %S %e %M" -o "$dir/time" "$binary" plan "$spec" > "$dir/plan.txt" 2> "$dir/stderr" || {
    cat "$dir/stderr" >&2
    exit 1
}
read -r user system wall rss < "$dir/time"
echo "bench-plan: $(head -n 1 "$dir/plan.txt" | sed 's/ from .*//'); $(wc -l < "$dir/plan.txt") lines printed;" \
    "$(python3 -c "print(f'{$user + $system:.1f}')") s CPU, ${wall} s wall, $((rss / 1024)) MiB peak RSS ($binary)"
