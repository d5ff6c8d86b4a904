#!/usr/bin/env bash
# Fuzzes every reader of outside input with libFuzzer, each for a bounded time, seeded with valid files
# generated here (Fashion-MNIST IDX headers and small IDX/gzip files, small CIFAR-10 batches, the Configs/ specs, real
# results.jsonl and sweep.yaml lines made by running a tiny sweep's jobs) and with hostile ones (gzip streams far
# longer than their IDX header says, specs of nested YAML aliases).
#
#   bash Scripts/fuzz.sh                 # every target, FUZZ_SECONDS (default 60) each
#   FUZZ_SECONDS=600 bash Scripts/fuzz.sh FuzzSpec
#
# Targets: FuzzIDX (IDXFile parse/read, gzip), FuzzImageSet (ImageSet.loadIDX), FuzzCIFAR (CIFAR-10 binary
# batches: parse, read, test set of a directory, then green channel / resize / normalise), FuzzSpec
# (SweepSpec.parse via Yams), FuzzResults (results.jsonl, sweep.yaml, ResultStore resume).
# Builds in .build-fuzz, or FUZZ_SCRATCH (release, -sanitize=fuzzer, linked with lld: gold crashes on libFuzzer's main).
# The corpus grows in .build-fuzz/corpus/<target>; crashes land in .build-fuzz/artifacts/<target>/ and
# make the script exit 1. Reproduce one with a plain build: swift build --product FuzzIDX && .build/debug/FuzzIDX FILE
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzIDX FuzzImageSet FuzzCIFAR FuzzSpec FuzzResults)
scratch=${FUZZ_SCRATCH:-.build-fuzz}
root=$(pwd)/$scratch
flags=(-c release --scratch-path "$scratch" -j "${FUZZ_JOBS:-2}"
       -Xswiftc -sanitize=fuzzer -Xswiftc -D -Xswiftc FUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)

for target in "${targets[@]}"; do
    echo "== building $target"
    if ! swift build "${flags[@]}" --product "$target" 2>&1 | grep -E "error|warning: unre|Compiling|complete" | tail -n 5; then :; fi
    [ -x "$scratch/release/$target" ] || { echo "fuzz: $target did not build" >&2; exit 2; }
done

seeds=$root/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{FuzzIDX,FuzzImageSet,FuzzCIFAR,FuzzSpec,FuzzResults}

# IDX and image-set seeds: real Fashion-MNIST headers with a few items, small files of every rank, gzip.
python3 - "$seeds" <<'PY'
import gzip, os, struct, sys
seeds = sys.argv[1]
def idx(dims, payload):
    return bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload
def put(target, name, data):
    with open(os.path.join(seeds, target, name), "wb") as f:
        f.write(data)
files = {}
fm = "/usr/share/datasets/fashion-mnist"
for kind, rank in (("images-idx3-ubyte", 3), ("labels-idx1-ubyte", 1)):
    path = f"{fm}/t10k-{kind}.gz"
    if os.path.exists(path):
        with gzip.open(path) as f:
            header = f.read(4 + 4 * rank)
            dims = list(struct.unpack(">" + "I" * rank, header[4:]))
            dims[0] = 3
            item = 1
            for d in dims[1:]: item *= d
            files["fmnist-" + kind] = idx(dims, f.read(3 * item))
files["rank1"] = idx([5], bytes([0, 1, 2, 1, 0]))
files["rank2"] = idx([2, 3], bytes(range(6)))
files["rank3"] = idx([2, 2, 2], bytes(range(8)))
files["rank4"] = idx([1, 2, 2, 1], bytes(4))
files["empty"] = idx([0, 28, 28], b"")
for name, data in list(files.items()):
    put("FuzzIDX", name, data)
    put("FuzzIDX", name + ".gz", gzip.compress(data, 9))
# Gzip streams that run far past the size their IDX header declares (the reader must stop early):
# one member of 3.5 MiB of zeros, and three concatenated members of 1 MiB.
put("FuzzIDX", "overlong-one-member.gz", gzip.compress(files["rank2"] + bytes(7 << 19), 9))
put("FuzzIDX", "overlong-members.gz", gzip.compress(files["rank1"], 9) + gzip.compress(bytes(1 << 20), 9) * 3)
def pair(name, images, labels, classes=255):
    put("FuzzImageSet", name, struct.pack(">H", len(images)) + bytes([classes]) + images + labels)
if "fmnist-images-idx3-ubyte" in files:
    pair("fmnist", files["fmnist-images-idx3-ubyte"], files["fmnist-labels-idx1-ubyte"], 10)
    pair("fmnist-gz", gzip.compress(files["fmnist-images-idx3-ubyte"]), gzip.compress(files["fmnist-labels-idx1-ubyte"]))
pair("small", idx([2, 2, 3], bytes(range(12))), idx([2], bytes([0, 1])), 2)
pair("small-gz", gzip.compress(idx([2, 1, 1], b"\x07\x09")), idx([2], bytes([1, 0])))
# CIFAR-10 batches: records of 1 label byte + 3072 pixels (1024 red, 1024 green, 1024 blue).
def record(label, k):
    return bytes([label]) + bytes(((c * 101 + i * 7 + k * 31) % 256) for c in range(3) for i in range(1024))
put("FuzzCIFAR", "one", record(3, 0))
put("FuzzCIFAR", "two", record(0, 1) + record(9, 2))
put("FuzzCIFAR", "four", b"".join(record(k % 10, k) for k in range(4)))
put("FuzzCIFAR", "flat", bytes([5]) + bytes(3072))
PY

# Spec seeds: every committed spec plus a few small ones covering grid, cases and seeds.
for spec in Configs/*.yaml Results/reference/*.yaml; do [ -f "$spec" ] && cp "$spec" "$seeds/FuzzSpec/$(basename "$spec")"; done
cat > "$seeds/FuzzSpec/tiny.yaml" <<'YAML'
name: tiny
dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
model: {depth: 2, width: 16, batchnorm: true}
train: {optimizer: sgd, lr: 0.05, epochs: 5, batch_size: 32}
grid: {model.depth: [1, 2, 3], train.lr: [0.01, 0.1]}
seeds: [0, 1]
YAML
cat > "$seeds/FuzzSpec/cases.yaml" <<'YAML'
name: faults
description: "cases with overrides"
dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
model: {depth: 2, width: 16, batchnorm: true}
train: {optimizer: adam, lr: 0.001, epochs: 5, batch_size: 32}
cases:
  - {model.depth: 1}
  - {model.depth: 2, model.batchnorm: false, train.lr: 1.0e+30}
YAML

# Aliases: nested ones that would expand to 9^9 values ("billion laughs", also as a mapping key) must be
# refused early; a few that repeat a block are fine.
{
    echo 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'
    prev=a
    for name in b c d e f g h i; do
        echo "$name: &$name [*$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev, *$prev]"
        prev=$name
    done
} > "$seeds/FuzzSpec/aliases-nested.yaml"
{ head -n 8 "$seeds/FuzzSpec/aliases-nested.yaml"; printf '? *h\n: 1\n'; } > "$seeds/FuzzSpec/aliases-key.yaml"
cat > "$seeds/FuzzSpec/aliases-modest.yaml" <<'YAML'
name: anchors
dataset: &data {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
model: {depth: 2, width: 16}
train: {optimizer: sgd, lr: 0.05, epochs: 5, batch_size: 32}
grid: {model.depth: &depths [1, 2, 3]}
cases: [{dataset.dimension: 20, model.batchnorm: &bn true}, {dataset.dimension: 30, model.batchnorm: *bn}]
YAML

# Results seeds: real results of a tiny sweep, made by the fuzz executable itself (when it is fuzzed).
if [[ " ${targets[*]} " == *" FuzzResults "* ]]; then
    SEPLAW_FUZZ_WRITE_SEEDS="$seeds/FuzzResults" "$scratch/release/FuzzResults" >/dev/null || { echo "fuzz: cannot write FuzzResults seeds" >&2; exit 2; }
fi

declare -A max_len=([FuzzIDX]=4096 [FuzzImageSet]=8192 [FuzzCIFAR]=16384 [FuzzSpec]=4096 [FuzzResults]=16384)
summary=()
status=0
for target in "${targets[@]}"; do
    corpus=$root/corpus/$target artifacts=$root/artifacts/$target
    mkdir -p "$corpus" "$artifacts"
    log=$root/$target.log
    echo "== fuzzing $target for $seconds s ($(ls "$seeds/$target" | wc -l) seeds, corpus $corpus)"
    scratch_files=/dev/shm/seplaw-fuzz-$$-$target
    [ -d /dev/shm ] || scratch_files=$root/scratch-$target
    (cd "$root" && SEPLAW_FUZZ_SCRATCH=$scratch_files "./release/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 \
        -max_len="${max_len[$target]}" -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" "$seeds/$target") >"$log" 2>&1
    rc=$?
    rm -rf "$scratch_files"
    runs=$(grep -oE "stat::number_of_executed_units: [0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
    cov=$(grep -oE "cov: [0-9]+ ft: [0-9]+" "$log" | tail -n 1)
    crashes=$(find "$artifacts" -type f | wc -l)
    if [ "$rc" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        status=1
        grep -E "ERROR: |Fatal error|precondition|SUMMARY|Test unit written" "$log" | head -n 10
        summary+=("$target: $runs executions, $cov, FAILED (exit $rc, $crashes artifact(s) in $artifacts, log $log)")
    else
        summary+=("$target: $runs executions, $cov, no crash")
    fi
done
for line in "${summary[@]}"; do echo "fuzz $line"; done
exit "$status"
