#!/usr/bin/env bash
# The main job on a fresh machine: installs what is missing, builds seplaw (release) and runs the
# quickstart sweep (real Fashion-MNIST) under mpirun with one rank per local core.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-deps.sh
swift build -c release
ranks=$(nproc)
root_flags=()
[ "$(id -u)" -eq 0 ] && root_flags=(--allow-run-as-root)
mpirun "${root_flags[@]}" -np "$ranks" --bind-to none \
    .build/release/seplaw sweep Configs/quickstart.yaml --out Results/quickstart "$@"
