#!/usr/bin/env bash
# Builds a relocatable seplaw bundle for machines without Swift (compute nodes, containers):
#
#   bash Scripts/package.sh                 # → .build/package/seplaw-VERSION-linux-x86_64.tar.gz
#   VERSION=1.0 OUT_DIR=dist bash Scripts/package.sh
#
# The binary is built with `swift build -c release --static-swift-stdlib`: the Swift runtime and
# Foundation are inside it; OpenBLAS, LAPACKE, Open MPI, zlib and gfortran's runtime stay shared system
# libraries (the bundle's README lists them). The bundle holds bin/seplaw, the Configs/, the Slurm
# scripts and README.md. VERSION defaults to `git describe --tags --always --dirty`.
# The end-to-end test PackageBundleTests unpacks the newest bundle here and runs a sweep with the Swift
# toolchain off PATH and LD_LIBRARY_PATH (it skips when no bundle was built).
set -euo pipefail
cd "$(dirname "$0")/.."

version=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || date +%Y%m%d)}
arch=$(uname -m)
out_dir=${OUT_DIR:-.build/package}
name=seplaw-$version-linux-$arch

swift build -c release --static-swift-stdlib --product seplaw
binary=$(swift build -c release --static-swift-stdlib --show-bin-path)/seplaw

# No Swift library may remain a run-time dependency.
if ldd "$binary" | grep -Ei 'libswift|libFoundation|libdispatch|libBlocksRuntime|_FoundationICU'; then
    echo "package: $binary still links Swift libraries dynamically (above)" >&2
    exit 1
fi

mkdir -p "$out_dir"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
root=$staging/$name
mkdir -p "$root/bin" "$root/Cluster"
install -m 0755 "$binary" "$root/bin/seplaw"
strip --strip-debug "$root/bin/seplaw" 2>/dev/null || true
cp -R Configs "$root/Configs"
cp Cluster/slurm-sweep.sbatch Cluster/slurm-array.sbatch Cluster/hostfile.example Cluster/README.md "$root/Cluster/"

libraries=$(ldd "$binary" | awk '/=>/ {print "    " $1 " → " $3}')
cat > "$root/README.md" <<EOF
# seplaw $version (Linux $arch)

A relocatable build of seplaw: unpack anywhere and run \`bin/seplaw\`; no Swift toolchain is needed. The
Swift runtime and Foundation are linked in (\`--static-swift-stdlib\`). These libraries are **not** in the
bundle and must be installed on every node that runs it (Debian/Ubuntu package names in brackets):

- OpenBLAS and LAPACK (\`libopenblas0\`, \`liblapack3\`) and LAPACKE (\`liblapacke\`)
- Open MPI 4.x (\`libopenmpi3\`, and \`openmpi-bin\` for \`mpirun\`): \`libmpi.so.40\`
- zlib (\`zlib1g\`)
- gfortran's runtime, which OpenBLAS/LAPACK use (\`libgfortran5\`)
- the C and C++ runtimes (\`libc6\`, \`libstdc++6\`, \`libgcc-s1\`)

On Debian 12: \`apt install libopenblas0 liblapacke libopenmpi3 openmpi-bin zlib1g libgfortran5\`.
\`ldd bin/seplaw\` must show no "not found". At build time it resolved:

$libraries

## Running

\`\`\`sh
bin/seplaw plan Configs/quickstart.yaml
bin/seplaw sweep Configs/quickstart.yaml --out Results/quickstart          # all cores, no MPI
mpirun -np 4 --bind-to core bin/seplaw sweep Configs/quickstart.yaml --out Results/quickstart
\`\`\`

Fashion-MNIST is read from \`/usr/share/datasets/fashion-mnist\` (Debian's \`dataset-fashion-mnist\`);
other datasets from the spec's \`dataset.path\`. \`Cluster/README.md\` explains Slurm runs
(\`Cluster/slurm-sweep.sbatch\`, \`Cluster/slurm-array.sbatch\`: set \`SEPLAW=\$PWD/bin/seplaw\`).

## A cluster's own Open MPI

The binary needs an Open MPI whose \`libmpi.so.40\` is ABI-compatible with Open MPI 4.x (4.0, 4.1). On a
cluster, load its module and check that the dynamic loader picks that library:

\`\`\`sh
module load openmpi/4.1            # the site's name for it
ldd bin/seplaw | grep libmpi       # → the module's lib directory (its LD_LIBRARY_PATH)
mpirun bin/seplaw sweep SPEC --out DIR          # or: srun --mpi=pmix bin/seplaw sweep …
\`\`\`

If the module does not set \`LD_LIBRARY_PATH\`, set it to the module's \`lib\` directory. Only Open MPI 4.x is
tested; with Open MPI 5 (also \`libmpi.so.40\`) or an MPICH-based MPI (Intel MPI, Cray MPICH, MVAPICH:
\`libmpi.so.12\`) build seplaw from source against it (\`Cluster/README.md\`, "Other MPI libraries"). Array jobs
(\`seplaw run SPEC --job N --out DIR\`) and sweeps without \`mpirun\` do not call MPI, but the library must
still be loadable.
EOF

tar -C "$staging" -czf "$out_dir/$name.tar.gz" "$name"
echo "package: $out_dir/$name.tar.gz ($(du -h "$out_dir/$name.tar.gz" | cut -f1); binary $(du -h "$root/bin/seplaw" | cut -f1))"
