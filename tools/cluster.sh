#!/usr/bin/env bash
# Runs a Dashboard cluster on this machine's loopback: redis-server, two (or more) nodes and the gateway
# (tools/Gateway, YARP with sticky sessions). Prints the URLs and the admin password; Ctrl-C stops everything.
#
#   tools/cluster.sh               # 2 nodes: open the gateway, http://127.0.0.1:5100
#   tools/cluster.sh --nodes 3     # node-a, node-b, node-c
#
# Ports (environment): GATEWAY_PORT (5100), FIRST_NODE_PORT (5101, then 5102, …), REDIS_PORT (6390).
# CONFIGURATION (Release) is the build that runs; DASHBOARD_ADMIN_PASSWORD, when set, replaces the generated password.
# The nodes run in the DASHBOARD_ENVIRONMENT (Development): outside Development the admin cookie is Secure-only, and
# this cluster speaks plain HTTP on loopback (tools/LoadSim/run-cluster.sh uses Production: hub clients need no
# cookie). Everything binds 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'cluster.sh: %s\n' "$*" >&2; }

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

NODES=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --nodes)
      [[ $# -ge 2 ]] || { log "--nodes needs a number"; exit 2; }
      NODES=$2
      shift 2
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      log "unknown argument '$1' (try --help)"
      exit 2
      ;;
  esac
done
if ! [[ "$NODES" =~ ^[1-9]$ ]]; then
  log "--nodes must be 1..9 (was '$NODES')"
  exit 2
fi

GATEWAY_PORT=${GATEWAY_PORT:-5100}
FIRST_NODE_PORT=${FIRST_NODE_PORT:-5101}
REDIS_PORT=${REDIS_PORT:-6390}
CONFIGURATION=${CONFIGURATION:-Release}
ENVIRONMENT=${DASHBOARD_ENVIRONMENT:-Development}
PASSWORD=${DASHBOARD_ADMIN_PASSWORD:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}

# --- redis-server ---------------------------------------------------------------------------------
if ! command -v redis-server >/dev/null; then
  if [[ "$(id -u)" -eq 0 ]]; then
    log "no redis-server found; installing Debian's redis-server with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  else
    log "no redis-server found. Install it (Debian/Ubuntu: sudo apt-get install redis-server) and re-run."
    exit 1
  fi
fi

# --- build once -----------------------------------------------------------------------------------
log "building src/Dashboard and tools/Gateway ($CONFIGURATION)"
dotnet build src/Dashboard/Dashboard.csproj -c "$CONFIGURATION" -nologo -v quiet >/dev/null
dotnet build tools/Gateway/Gateway.csproj -c "$CONFIGURATION" -nologo -v quiet >/dev/null

RUN_DIR=$(mktemp -d /tmp/dashboard-cluster.XXXXXX)
children=()

stop_all() {
  trap - EXIT INT TERM
  if [[ ${#children[@]} -gt 0 ]]; then
    log "stopping ${#children[@]} processes"
    kill "${children[@]}" 2>/dev/null || true
    wait "${children[@]}" 2>/dev/null || true
  fi
  log "stopped; logs kept in $RUN_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Starts "$@" in the background with its output in $RUN_DIR/$1.log (the first argument only names the log).
start() {
  local name=$1
  shift
  "$@" >"$RUN_DIR/$name.log" 2>&1 &
  children+=($!)
}

# Waits until command "$2…" succeeds, at most 60 s; fails with the log of $1.
wait_for() {
  local name=$1
  shift
  for _ in $(seq 1 300); do
    if "$@" >/dev/null 2>&1; then return; fi
    sleep 0.2
  done
  tail -n 30 "$RUN_DIR/$name.log" >&2
  log "$name did not come up (log: $RUN_DIR/$name.log)"
  exit 1
}

redis_pong() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping | grep -q PONG; }

# --- start --------------------------------------------------------------------------------------------
start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no
wait_for redis redis_pong

dashboard_bin="src/Dashboard/bin/$CONFIGURATION/net10.0"
gateway_args=()
names=()
letters=(a b c d e f g h i)
for ((i = 0; i < NODES; i++)); do
  name="node-${letters[$i]}"
  port=$((FIRST_NODE_PORT + i))
  url="http://127.0.0.1:$port"
  # Run from the build output, so the node finds its appsettings.json and static web assets.
  start "$name" env -C "$dashboard_bin" ASPNETCORE_ENVIRONMENT="$ENVIRONMENT" dotnet Dashboard.dll \
    --urls "$url" \
    --Redis:Configuration="127.0.0.1:$REDIS_PORT" \
    --Dashboard:NodeName="$name" \
    --Dashboard:NodeUrl="$url/" \
    --Dashboard:DataProtection:KeyDirectory="$RUN_DIR/$name-keys" \
    --Dashboard:ForwardedHeaders:KnownProxies:0=127.0.0.1 \
    --Dashboard:AdminPassword="$PASSWORD"
  gateway_args+=("--Gateway:Nodes:$i=$url")
  names+=("$name $url pid ${children[-1]}")
done

start gateway dotnet "tools/Gateway/bin/$CONFIGURATION/net10.0/Gateway.dll" --urls "http://127.0.0.1:$GATEWAY_PORT" "${gateway_args[@]}"
gateway_pid=${children[-1]}

for ((i = 0; i < NODES; i++)); do
  wait_for "node-${letters[$i]}" curl -fs "http://127.0.0.1:$((FIRST_NODE_PORT + i))/healthz"
done
wait_for gateway curl -fs "http://127.0.0.1:$GATEWAY_PORT/gateway/status"

cat <<EOF

  Gateway (open this)   http://127.0.0.1:$GATEWAY_PORT   pid $gateway_pid   operator view: http://127.0.0.1:$GATEWAY_PORT/overview
$(for entry in "${names[@]}"; do printf '  %-21s %s   %s %s\n' ${entry}; done)
  Redis                 127.0.0.1:$REDIS_PORT
  Gateway's view        http://127.0.0.1:$GATEWAY_PORT/gateway/status
  Admin password        $PASSWORD
  Logs                  $RUN_DIR

  $ENVIRONMENT environment, $CONFIGURATION build. Try a node failure: kill -9 <a node's pid>.
  Ctrl-C stops everything.
EOF

wait
