#!/usr/bin/env bash
# Open MPI launch agent (--mca plm_rsh_agent) for Cluster/netns-multihost.sh: where mpirun would
# `ssh HOST COMMAND`, this runs COMMAND inside the network namespace that plays HOST, with its own
# hostname (a UTS namespace). HOST is an address 10.77.0.1N of the fake cluster; the namespace is
# "$SEPLAW_NETNS_PREFIX-hN". Only hosts of that cluster are accepted.
set -euo pipefail
# mpirun may pass ssh-style options before the host; skip them.
while [ $# -gt 0 ] && [ "${1#-}" != "$1" ]; do
    case "$1" in -l|-p|-o|-i) shift 2 ;; *) shift ;; esac
done
host=${1:?usage: netns-agent.sh HOST COMMAND...}
shift
prefix=${SEPLAW_NETNS_PREFIX:?SEPLAW_NETNS_PREFIX is not set: run this through Cluster/netns-multihost.sh}
subnet=${SEPLAW_NETNS_SUBNET:-10.77.0}
case "$host" in
    "$subnet".1[1-9]) index=${host##*.1} ;;
    *) echo "netns-agent: $host is not a host of the namespace cluster ($subnet.11 … $subnet.19)" >&2; exit 255 ;;
esac
namespace="$prefix-h$index"
# Like ssh: the remaining arguments form one shell command line.
exec ip netns exec "$namespace" unshare --uts sh -c 'hostname "$1"; shift; eval "$*"' netns-agent "$namespace" "$@"
