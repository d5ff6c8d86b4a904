#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for the end-to-end tests and for trying the batch scripts:
#
#   bash Scripts/slurm-cluster.sh start     # munged + slurmctld + slurmd; prints `export SLURM_CONF=…`
#   export SLURM_CONF=/tmp/seplaw-slurm/slurm.conf
#   sbatch Cluster/slurm-sweep.sbatch; squeue; sinfo
#   bash Scripts/slurm-cluster.sh status    # exit 0 when the node takes jobs
#   bash Scripts/slurm-cluster.sh stop      # stops the daemons and deletes the state directory
#
# Runs as root from Debian's packages (`slurm-wlm`, `munge`: `Scripts/install-deps.sh --test` installs them; the
# script installs them itself when they are missing and apt-get is there). Everything lives in the state
# directory (SEPLAW_SLURM_DIR, default /tmp/seplaw-slurm): a fresh munge key, munged's socket (munged runs
# as the munge user), slurm.conf with this node's CPUs (nproc) and memory, the controller's state, the
# daemons' logs and pid files. Nothing under /etc is changed, no service is registered, and the system's
# own munged/Slurm (if any) is left alone. The daemons run in the background until `stop`.
#
# Ports: SEPLAW_SLURM_PORT (slurmctld, default 6917) and the next one (slurmd).
# Exit status 77: Slurm cannot be started here (not root, packages missing and not installable); the
# reason is on standard error. The end-to-end tests skip on it.
set -uo pipefail

state=${SEPLAW_SLURM_DIR:-/tmp/seplaw-slurm}
ctld_port=${SEPLAW_SLURM_PORT:-6917}
slurmd_port=$((ctld_port + 1))
conf=$state/slurm.conf
node=$(hostname -s 2>/dev/null || cut -d. -f1 /proc/sys/kernel/hostname)

unavailable() { echo "slurm-cluster: $*" >&2; exit 77; }
fail() { echo "slurm-cluster: $*" >&2; exit 1; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }

# Installs slurm-wlm and munge when a daemon is missing (CI machines get them from `install-deps.sh --test`).
ensure_packages() {
    local missing=()
    for tool in munged slurmctld slurmd sbatch; do command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || unavailable "${missing[*]} missing and no apt-get to install slurm-wlm and munge"
    echo "slurm-cluster: installing slurm-wlm and munge (missing: ${missing[*]})" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null; } \
        || unavailable "cannot install slurm-wlm and munge with apt-get"
}

# Real memory in MiB, a little below MemTotal so that slurmd never finds less than configured.
real_memory() {
    local kib
    kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
    echo $(( kib / 1024 * 95 / 100 ))
}

write_config() {
    local cpus memory
    cpus=$(nproc)
    memory=$(real_memory)
    cat > "$conf" <<EOF
# One-node test cluster written by Scripts/slurm-cluster.sh; deleted by \`slurm-cluster.sh stop\`.
ClusterName=seplaw
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire also sets how long a requeued job waits before it may start again (default 120 s).
AuthInfo=socket=$state/munge/munge.socket,cred_expire=10
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/slurmd
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# No cgroups needed: processes are tracked through /proc; tasks are bound to cores with sched_setaffinity.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
JobRequeue=1
# Job ids differ between clusters on other ports (Slurm and PMIx name scratch files after them).
FirstJobId=$((ctld_port * 100))
# Short waits, so that the tests see cancellations and requeues quickly.
KillWait=10
MinJobAge=300
SchedulerParameters=sched_interval=2,bf_interval=2
SlurmdParameters=config_overrides
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
    local dir=$state/munge
    mkdir -p "$dir"
    chown munge:munge "$dir"
    chmod 0755 "$dir"   # munged requires its socket directory to be searchable by all
    dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 status=none || fail "cannot write the munge key"
    chown munge:munge "$dir/munge.key"
    chmod 0400 "$dir/munge.key"
    runuser -u munge -- /usr/sbin/munged --key-file="$dir/munge.key" --socket="$dir/munge.socket" \
        --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munged.seed" \
        || fail "munged did not start: $(tail -n 5 "$dir/munged.log" 2>/dev/null)"
    for _ in $(seq 50); do
        [ -S "$dir/munge.socket" ] && return 0
        sleep 0.1
    done
    fail "munged's socket did not appear: $(tail -n 5 "$dir/munged.log" 2>/dev/null)"
}

node_state() {
    SLURM_CONF=$conf sinfo -h -N -n "$node" -o '%T' 2>/dev/null | head -n 1
}

# Closes every file descriptor above 2 that this shell inherited (but 255, its script), so that the
# daemons do not hold the caller's pipes open: a caller waiting for the end of our output would hang.
close_inherited_descriptors() {
    local fd
    for fd in $(ls /proc/$$/fd 2>/dev/null); do
        [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ] && eval "exec $fd>&-" 2>/dev/null
    done
}

start() {
    close_inherited_descriptors
    [ "$(id -u)" -eq 0 ] || unavailable "needs root (it starts munged as the munge user and the Slurm daemons as root)"
    ensure_packages
    id munge >/dev/null 2>&1 || unavailable "there is no munge user (install the munge package)"
    if pid_alive "$state/slurmctld.pid" || pid_alive "$state/slurmd.pid"; then
        fail "a cluster is already running in $state (stop it first: bash $0 stop)"
    fi
    case "$state" in /*/*) ;; *) fail "SEPLAW_SLURM_DIR must be an absolute path below / (not $state)" ;; esac
    if [ -d "$state" ] && [ ! -f "$conf" ] && [ -n "$(ls -A "$state" 2>/dev/null)" ]; then
        fail "$state exists and is not a cluster state directory (no slurm.conf); choose another SEPLAW_SLURM_DIR"
    fi
    rm -rf "$state"
    mkdir -p "$state/ctld" "$state/slurmd"
    chmod 0755 "$state"
    write_config
    start_munge
    # -i: ignore saved state (a fresh cluster); both daemons daemonize and write their pid files.
    SLURM_CONF=$conf /usr/sbin/slurmctld -i -f "$conf" || fail "slurmctld did not start: $(tail -n 20 "$state/slurmctld.log" 2>/dev/null)"
    SLURM_CONF=$conf /usr/sbin/slurmd -f "$conf" || fail "slurmd did not start: $(tail -n 20 "$state/slurmd.log" 2>/dev/null)"
    local waited=0 current=""
    while [ $waited -lt 300 ]; do
        current=$(node_state)
        case "$current" in
            idle|mixed|allocated) break ;;
        esac
        sleep 0.2
        waited=$((waited + 1))
    done
    case "$current" in
        idle|mixed|allocated) ;;
        *) echo "slurmctld log:" >&2; tail -n 20 "$state/slurmctld.log" >&2
           echo "slurmd log:" >&2; tail -n 20 "$state/slurmd.log" >&2
           stop >/dev/null 2>&1
           fail "node $node did not become idle within 60 s (state: ${current:-unknown})" ;;
    esac
    echo "slurm-cluster: node $node ($(nproc) CPUs, $(real_memory) MiB) is $current; state in $state"
    echo "export SLURM_CONF=$conf"
}

# Sends SIGTERM to the daemon in a pid file and waits up to 10 s (then SIGKILL).
stop_daemon() {
    local file=$1 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file" 2>/dev/null)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 100); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
}

stop() {
    [ -f "$conf" ] || { echo "slurm-cluster: nothing to stop (no $conf)"; return 0; }
    # Jobs first, so that no job outlives the cluster.
    if pid_alive "$state/slurmctld.pid"; then
        SLURM_CONF=$conf scancel --full --quiet --nodelist="$node" 2>/dev/null
        SLURM_CONF=$conf scancel --full --quiet --state=PENDING 2>/dev/null
        for _ in $(seq 50); do
            [ -z "$(SLURM_CONF=$conf squeue -h -t running,completing 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
    stop_daemon "$state/slurmd.pid"
    stop_daemon "$state/slurmctld.pid"
    stop_daemon "$state/munge/munged.pid"
    rm -rf "$state"
    echo "slurm-cluster: stopped; removed $state"
}

status() {
    if ! pid_alive "$state/slurmctld.pid" || ! pid_alive "$state/slurmd.pid"; then
        echo "slurm-cluster: not running ($state)"
        return 1
    fi
    local current
    current=$(node_state)
    echo "slurm-cluster: node $node is ${current:-unknown}; SLURM_CONF=$conf"
    case "$current" in idle|mixed|allocated) return 0 ;; *) return 1 ;; esac
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
