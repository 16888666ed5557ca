# Sourced by tools/LoadSim/run-release.sh and tools/TabLoad/run-release.sh (from the repository root): builds the
# dashboard in Release, starts it alone on 127.0.0.1:$PORT (Production environment) with its log in $LOG, sets
# $server to its pid (with $SERVER_ARGS, if set, appended to its command line), stops it when the calling script exits, and returns once /healthz answers.
dotnet build src/Dashboard/Dashboard.csproj -c Release -nologo -v quiet >/dev/null
LOG=$(mktemp /tmp/dashboard-server.XXXXXX.log)
ASPNETCORE_ENVIRONMENT=Production dotnet src/Dashboard/bin/Release/net10.0/Dashboard.dll --urls "http://127.0.0.1:$PORT" ${SERVER_ARGS:-} >"$LOG" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 0.2
done
