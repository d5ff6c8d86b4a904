#!/usr/bin/env bash
# A real multi-host sweep on one machine: network namespaces play the hosts, veth pairs on a bridge
# play the network, Open MPI launches one rank per "host" through Cluster/netns-agent.sh (its
# plm_rsh_agent, in place of ssh) and its ranks talk over TCP. The sweep's results are then compared
# with a single-host run of the same spec: same job ids, bitwise-equal D for every layer.
#
#   sudo bash Cluster/netns-multihost.sh [SEPLAW_BINARY]      # default .build/debug/seplaw
#   HOSTS=3 sudo bash Cluster/netns-multihost.sh               # 2 (default) or up to 9 hosts
#
# Namespaces "seplaw-<pid>-sw" (the bridge), "-head" (runs mpirun) and "-h1" … "-hN" (the ranks) get
# addresses 10.77.0.1 (head) and 10.77.0.11 … (hosts) inside them only; nothing is added to the root
# namespace and no traffic leaves them. Everything is torn down on exit, failure or interrupt.
# Needs root (ip netns), iproute2, util-linux unshare, Open MPI and python3. Exit status: 0 when the
# results match; 1 when they differ or a run fails; 77 when namespaces cannot be made here (skip).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
seplaw=$(realpath "${1:-${SEPLAW:-.build/debug/seplaw}}")
hosts=${HOSTS:-2}
subnet=10.77.0
prefix="seplaw-$$"
work=$(mktemp -d -t seplaw-netns.XXXXXX)
namespaces=()

teardown() {
    local status=$?
    for ns in "${namespaces[@]}"; do
        # Kill whatever still runs inside (a stuck orted or rank), then drop the namespace and its veths.
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$work"
    exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

skip() { echo "netns-multihost: SKIP: $*" >&2; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root to create network namespaces"
command -v ip >/dev/null || skip "iproute2 (ip) is not installed"
command -v unshare >/dev/null || skip "unshare (util-linux) is not installed"
command -v mpirun >/dev/null || skip "mpirun (Open MPI) is not on PATH"
[ -x "$seplaw" ] || { echo "netns-multihost: $seplaw is not an executable; build seplaw first" >&2; exit 1; }
[ "$hosts" -ge 2 ] && [ "$hosts" -le 9 ] || { echo "netns-multihost: HOSTS must be 2…9" >&2; exit 1; }

add_namespace() {
    ip netns add "$1" 2>"$work/ns-error" || skip "ip netns add failed: $(cat "$work/ns-error")"
    namespaces+=("$1")
    ip -n "$1" link set lo up
}

# The network: a bridge in its own namespace, one veth pair per host (eth0 inside the host).
switch="$prefix-sw"
add_namespace "$switch"
ip -n "$switch" link add br0 type bridge
ip -n "$switch" link set br0 up
connect() {  # namespace, port name on the bridge, address
    ip -n "$switch" link add "$2" type veth peer name eth0 netns "$1"
    ip -n "$switch" link set "$2" master br0 up
    ip -n "$1" addr add "$3/24" dev eth0
    ip -n "$1" link set eth0 up
}
head_ns="$prefix-head"
add_namespace "$head_ns"
connect "$head_ns" p0 "$subnet.1"
hostfile="$work/hostfile"
: >"$hostfile"
for i in $(seq 1 "$hosts"); do
    add_namespace "$prefix-h$i"
    connect "$prefix-h$i" "p$i" "$subnet.1$i"
    echo "$subnet.1$i slots=1" >>"$hostfile"
done
echo "netns-multihost: $hosts hosts ($subnet.11…$subnet.1$hosts) + head ($subnet.1) on a bridge; namespaces ${namespaces[*]}"

# A small sweep: 8 jobs, a second or so each in a debug build.
spec="$work/multihost.yaml"
cat >"$spec" <<'YAML'
name: multihost
dataset: {name: gaussian, dimension: 20, per_class: 30, test_per_class: 10}
model: {depth: 2, width: 16, batchnorm: true}
train: {optimizer: sgd, lr: 0.05, epochs: 8, batch_size: 32}
grid: {model.depth: [1, 2, 3, 4]}
seeds: [0, 1]
YAML

root_flags=()
[ "$(id -u)" -eq 0 ] && root_flags=(--allow-run-as-root)
export SEPLAW_NETNS_PREFIX="$prefix" SEPLAW_NETNS_SUBNET="$subnet" OPENBLAS_NUM_THREADS=1
# mpirun runs in the head namespace (with its own hostname); every rank is launched on a "remote" host
# through the agent; ranks reach each other only over TCP on the bridge (no shared-memory transport).
cluster_mpirun() {
    ip netns exec "$head_ns" unshare --uts sh -c 'hostname "$0-head"; exec "$@"' "$prefix" \
        timeout "${RUN_TIMEOUT:-120}" mpirun "${root_flags[@]}" -np "$hosts" --hostfile "$hostfile" \
        --mca plm_rsh_agent "$repo/Cluster/netns-agent.sh" --mca plm_rsh_no_tree_spawn 1 \
        --mca btl tcp,self --mca btl_tcp_if_include "$subnet.0/24" --mca oob_tcp_if_include "$subnet.0/24" \
        --mca pml ob1 --bind-to none -x OPENBLAS_NUM_THREADS "$@"
}
# Where the ranks land: one per namespace, each with its own hostname and address.
cluster_mpirun sh -c 'echo "netns-multihost: rank $OMPI_COMM_WORLD_RANK on $(hostname) $(ip -br -4 addr show eth0 | tr -s " " | cut -d" " -f3)"' \
    | sort || { echo "netns-multihost: mpirun cannot start ranks in the namespaces" >&2; exit 1; }
start=$(date +%s)
set +e
cluster_mpirun "$seplaw" sweep "$spec" --out "$work/multi" >"$work/multi.log" 2>&1
multi_status=$?
set -e
echo "netns-multihost: multi-host sweep exited with $multi_status after $(( $(date +%s) - start )) s"
if [ "$multi_status" -ne 0 ]; then
    tail -n 40 "$work/multi.log" >&2
    exit 1
fi
grep -E "^sweep |ranks? ×" "$work/multi.log" | head -n 2 || true

# The same sweep on one host (no MPI, two jobs at a time).
"$seplaw" sweep "$spec" --out "$work/single" --slots 2 >"$work/single.log" 2>&1 \
    || { tail -n 40 "$work/single.log" >&2; echo "netns-multihost: single-host sweep failed" >&2; exit 1; }

python3 - "$work/multi/results.jsonl" "$work/single/results.jsonl" <<'PY'
import json, struct, sys
def load(path):
    jobs = {}
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in jobs:
                sys.exit(f"netns-multihost: {path}: job {r['id']} appears twice")
            jobs[r["id"]] = (r["status"], [struct.pack("<d", float(l["D"])) for l in r["layers"]], r.get("host"))
    return jobs
multi, single = load(sys.argv[1]), load(sys.argv[2])
if set(multi) != set(single):
    sys.exit(f"netns-multihost: job ids differ: only multi-host {sorted(set(multi) - set(single))}, "
             f"only single-host {sorted(set(single) - set(multi))}")
bad = [i for i in multi if multi[i][:2] != single[i][:2]]
if bad:
    sys.exit(f"netns-multihost: {len(bad)} of {len(multi)} jobs differ in status or D: {sorted(bad)}")
layers = sum(len(v[1]) for v in multi.values())
statuses = sorted({v[0] for v in multi.values()})
print(f"netns-multihost: EQUAL: {len(multi)} jobs, {layers} layer D values bitwise equal to the single-host run "
      f"(statuses {', '.join(statuses)})")
PY
