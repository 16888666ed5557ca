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
dotnet build tools/LoadSim/LoadSim.csproj -c Release -nologo -v quiet >/dev/null
# shellcheck source=../release-server.sh
source tools/release-server.sh

echo "server pid $server, log $LOG, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
dotnet tools/LoadSim/bin/Release/net10.0/LoadSim.dll --url "http://127.0.0.1:$PORT" --server-pid "$server" "$@" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
