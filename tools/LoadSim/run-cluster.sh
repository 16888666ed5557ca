#!/usr/bin/env bash
# Measures a two-node cluster under LoadSim the way docs/PERFORMANCE.md ("Several nodes") does: starts Redis, two
# nodes and the gateway with tools/cluster.sh (Release, Production environment), runs LoadSim through the gateway
# with the given arguments plus --url and --server-pid (both nodes and the gateway, summed), and reports what
# Redis carried: its command and byte counters (INFO stats) over 10 s with no user, then over the run.
#
#   tools/LoadSim/run-cluster.sh --users 2000 --duration 60s --ramp 20s --json /tmp/cluster-2000.json
#
# Compare with the same arguments against one node: tools/LoadSim/run-release.sh. Keep runs short on a shared machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export GATEWAY_PORT=${GATEWAY_PORT:-5160} FIRST_NODE_PORT=${FIRST_NODE_PORT:-5161} REDIS_PORT=${REDIS_PORT:-6396}
export CONFIGURATION=Release DASHBOARD_ENVIRONMENT=Production
IDLE_SECONDS=10

dotnet build tools/LoadSim/LoadSim.csproj -c Release -nologo -v quiet >/dev/null

cluster_log=$(mktemp /tmp/dashboard-cluster-load.XXXXXX.log)
tools/cluster.sh >"$cluster_log" 2>&1 &
cluster=$!
trap 'kill "$cluster" 2>/dev/null || true; wait "$cluster" 2>/dev/null || true' EXIT
for _ in $(seq 1 1500); do
  if grep -q "Ctrl-C stops everything" "$cluster_log"; then break; fi
  if ! kill -0 "$cluster" 2>/dev/null; then cat "$cluster_log" >&2; exit 1; fi
  sleep 0.2
done
grep -q "Ctrl-C stops everything" "$cluster_log" || { cat "$cluster_log" >&2; exit 1; }
pids=$(grep -o 'pid [0-9]\+' "$cluster_log" | cut -d' ' -f2 | paste -sd, -)

# total_commands_processed, total_net_input_bytes, total_net_output_bytes, space-separated.
redis_counters() {
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info stats | tr -d '\r' |
    awk -F: '$1 == "total_commands_processed" { c = $2 } $1 == "total_net_input_bytes" { i = $2 } $1 == "total_net_output_bytes" { o = $2 } END { print c, i, o }'
}
now() { date +%s.%N; }
# Prints the counters' rates between two samples "$1" and "$2" (each "time commands in out").
rates() {
  awk -v a="$1" -v b="$2" -v what="$3" 'BEGIN {
    split(a, x, " "); split(b, y, " "); s = y[1] - x[1]
    printf "redis, %s (%.0f s): %.0f commands/s, %.1f KiB/s in, %.1f KiB/s out\n", what, s, (y[2] - x[2]) / s, (y[3] - x[3]) / s / 1024, (y[4] - x[4]) / s / 1024
  }'
}

echo "cluster pids (nodes and gateway) $pids, log $cluster_log"
idle_start="$(now) $(redis_counters)"
sleep "$IDLE_SECONDS" # a measurement window with no user, not a wait for a condition
idle_end="$(now) $(redis_counters)"
rates "$idle_start" "$idle_end" "no users"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
run_start="$(now) $(redis_counters)"
dotnet tools/LoadSim/bin/Release/net10.0/LoadSim.dll --url "http://127.0.0.1:$GATEWAY_PORT" --server-pid "$pids" "$@" || status=$?
run_end="$(now) $(redis_counters)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rates "$run_start" "$run_end" "during the run"
exit "$status"
