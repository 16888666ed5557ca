#!/usr/bin/env bash
# Measures the dashboard under LoadSim the way docs/PERFORMANCE.md does: builds both in Release, starts the server
# alone on 127.0.0.1:$PORT (Production environment), runs LoadSim with the given arguments plus --url and
# --server-pid (so the report includes the server's CPU and memory), then stops the server.
#
#   tools/LoadSim/run-release.sh --users 1000 --duration 90s --ramp 20s --heartbeat 5s --telemetry --json /tmp/1000.json
#
# Keep runs short (<= 2 minutes) on a shared machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PORT=${PORT:-5057}
LOG=$(mktemp /tmp/dashboard-server.XXXXXX.log)

dotnet build src/Dashboard/Dashboard.csproj -c Release -nologo -v quiet >/dev/null
dotnet build tools/LoadSim/LoadSim.csproj -c Release -nologo -v quiet >/dev/null

ASPNETCORE_ENVIRONMENT=Production dotnet src/Dashboard/bin/Release/net10.0/Dashboard.dll --urls "http://127.0.0.1:$PORT" >"$LOG" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 0.2
done

echo "server pid $server, log $LOG, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
dotnet tools/LoadSim/bin/Release/net10.0/LoadSim.dll --url "http://127.0.0.1:$PORT" --server-pid "$server" "$@" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
