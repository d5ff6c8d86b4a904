#!/usr/bin/env bash
# seplaw measure on a synthetic n × p feature directory streamed from disk: wall time and peak memory
# (/usr/bin/time -v), against reading the same files twice with cat (the two passes' I/O floor), measured in
# the same run. Needs python3 with NumPy and (points × dimension × 2 bytes) of disk for float16.
#   bash Benchmarks/measure-bench.sh [--points 50000] [--dimension 65536] [--dtype float16] [--keep] [--seplaw PATH]
set -euo pipefail
points=50000 dimension=65536 dtype=float16 keep=0 seplaw=.build/release/seplaw
while [[ $# -gt 0 ]]; do
    case "$1" in
        --points) points=$2; shift 2 ;;
        --dimension) dimension=$2; shift 2 ;;
        --dtype) dtype=$2; shift 2 ;;
        --seplaw) seplaw=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done
dir=Results/measure-bench/features
if [[ ! -f $dir/00_wide.npy ]]; then
    python3 Benchmarks/synthetic_features.py "$dir" --points "$points" --dimension "$dimension" --dtype "$dtype"
fi
[[ $keep == 1 ]] || trap 'rm -rf Results/measure-bench' EXIT
ls -l "$dir"
start=$(date +%s.%N)
cat "$dir"/*.npy > /dev/null
cat "$dir"/*.npy > /dev/null
floor=$(echo "$(date +%s.%N) - $start" | bc)
/usr/bin/time -v "$seplaw" measure "$dir" --json Results/measure-bench.json 2> Results/measure-bench.time
grep -E "Elapsed|Maximum resident" Results/measure-bench.time
wall=$(python3 -c "import json; print(json.load(open('Results/measure-bench.json'))['seconds'])")
echo "reading the files twice (cat): ${floor} s; seplaw measure: ${wall} s (${wall}/${floor} = $(echo "scale=2; $wall / $floor" | bc)× the I/O floor)"
