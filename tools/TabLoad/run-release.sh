#!/usr/bin/env bash
# Measures what live "My actor" tabs cost the server, as docs/PERFORMANCE.md ("Live tab cost") does: builds the
# dashboard and TabLoad in Release, starts the server alone on 127.0.0.1:$PORT (Production environment), runs
# TabLoad with the given arguments plus --url and --server-pid (so CPU and memory are the server's own, from
# /proc), then stops the server.
#
#   tools/TabLoad/run-release.sh --tabs 30 --activity active --duration 60s --flood
#
# SERVER_ARGS="--Dashboard:CircuitCompression=true" passes settings to the server (an A/B of one option).
# Keep runs short (<= 2 minutes of window, <= 100 tabs) on a shared machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

PORT=${PORT:-5058}
# --live-heap measures with dotnet-gcdump; install it once if it is missing (a served NuGet package).
if [[ " $* " == *" --live-heap "* ]] && ! command -v dotnet-gcdump >/dev/null && [[ ! -x "$HOME/.dotnet/tools/dotnet-gcdump" ]]; then
  dotnet tool install -g dotnet-gcdump >/dev/null
fi
dotnet build tools/TabLoad/TabLoad.csproj -c Release -nologo -v quiet >/dev/null
# shellcheck source=../release-server.sh
source tools/release-server.sh

echo "server pid $server, log $LOG, commit $(git rev-parse --short HEAD), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}
status=0
dotnet tools/TabLoad/bin/Release/net10.0/TabLoad.dll --url "http://127.0.0.1:$PORT" --server-pid "$server" "$@" || status=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
