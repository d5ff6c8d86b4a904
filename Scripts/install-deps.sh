#!/usr/bin/env bash
# Installs what seplaw needs from Debian (sudo when not root); a no-op when all is present.
# `--test` adds slurm-wlm and munge, for the real-Slurm end-to-end tests (Scripts/slurm-cluster.sh also installs
# them itself when they are missing); no daemon is started here.
set -euo pipefail
packages=(libopenmpi-dev openmpi-bin libopenblas-dev liblapacke-dev zlib1g-dev pkg-config dataset-fashion-mnist)
if [ "${1:-}" = "--test" ]; then packages+=(slurm-wlm munge); fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
