#!/usr/bin/env bash
# Runs every test of the solution (unit tests and real-browser E2E tests) and ends with one plain line,
# "N passed, N failed", summed over every test project from the TRX results.
#
#   ./test.sh                                     # everything
#   ./test.sh --filter "FullyQualifiedName~Smoke"   # extra arguments go to `dotnet test`
#                                                 # (except --results-directory: see TRX_NAME below)
#
# The TRX files end up in TestResults/<project>.trx. Exits non-zero when `dotnet test` fails, when any
# test fails, when a test project left no TRX file, or when no test passed at all.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SOLUTION=Dashboard.sln
RESULTS=TestResults

log() { printf 'test.sh: %s\n' "$*" >&2; }

# --- Chromium -------------------------------------------------------------------------------------
# Order: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, Debian's /usr/bin/chromium, Playwright's own download.
# The E2E fixture (tests/E2E/Infrastructure/Chromium.cs) looks in the same order.

playwright_browsers_dir() { printf '%s' "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"; }

has_playwright_chromium() {
  compgen -G "$(playwright_browsers_dir)/chromium-*/chrome-linux*/chrome" >/dev/null
}

# Installs Playwright's own Chromium with the Node driver that Microsoft.Playwright copies next to the
# E2E binaries (no PowerShell needed). It downloads from Playwright's CDN, so it needs that network.
install_playwright_chromium() {
  dotnet build tests/E2E/E2E.csproj -nologo -v quiet >/dev/null
  local bin dir
  bin=$(ls -d tests/E2E/bin/*/net*/.playwright 2>/dev/null | head -n 1)
  [[ -n "$bin" ]] || { log "no .playwright folder under tests/E2E/bin"; return 1; }
  for dir in "$bin"/node/*/; do
    if [[ -x "$dir/playwright.sh" ]]; then
      "$dir/playwright.sh" install chromium
      return
    fi
    if [[ -x "$dir/node" ]]; then
      "$dir/node" "$bin/package/cli.js" install chromium
      return
    fi
  done
  log "no Playwright node driver under $bin/node"
  return 1
}

find_chromium() {
  if [[ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]]; then
    if [[ -x "$PLAYWRIGHT_CHROMIUM_EXECUTABLE" ]]; then
      log "Chromium: $PLAYWRIGHT_CHROMIUM_EXECUTABLE (from PLAYWRIGHT_CHROMIUM_EXECUTABLE)"
      return
    fi
    log "PLAYWRIGHT_CHROMIUM_EXECUTABLE=$PLAYWRIGHT_CHROMIUM_EXECUTABLE is not an executable file"
    exit 1
  fi

  if [[ -x /usr/bin/chromium ]]; then
    export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
    log "Chromium: /usr/bin/chromium"
    return
  fi

  if has_playwright_chromium; then
    log "Chromium: Playwright's own, under $(playwright_browsers_dir)"
    return
  fi

  if [[ "$(id -u)" -eq 0 ]]; then
    log "no Chromium found; installing Debian's chromium with apt-get"
    local apt_log
    apt_log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$apt_log" 2>&1; then
      cat "$apt_log" >&2
      log "apt-get could not install chromium"
      exit 1
    fi
    rm -f "$apt_log"
    export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
    log "Chromium: $("$PLAYWRIGHT_CHROMIUM_EXECUTABLE" --version 2>/dev/null || echo /usr/bin/chromium)"
    return
  fi

  log "no Chromium found. Install one of:"
  log "  sudo apt-get install chromium                      (Debian/Ubuntu; then re-run)"
  log "  export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chrome"
  log "trying Playwright's own download instead"
  install_playwright_chromium
}

# --- Redis ----------------------------------------------------------------------------------------
# The cluster E2E tests (tests/E2E/Cluster) start their own redis-server on a free loopback port; the fixture
# (tests/E2E/Infrastructure/RedisServer.cs) runs $REDIS_SERVER_EXECUTABLE, else redis-server on PATH.
# Order here: $REDIS_SERVER_EXECUTABLE, redis-server on PATH, Debian's redis-server installed with apt-get as root.
# Without it (not root) the cluster tests fail and say how to install it; under CI=true this script stops at once.

find_redis_server() {
  if [[ -n "${REDIS_SERVER_EXECUTABLE:-}" ]]; then
    if [[ -x "$REDIS_SERVER_EXECUTABLE" ]]; then
      log "redis-server: $REDIS_SERVER_EXECUTABLE (from REDIS_SERVER_EXECUTABLE)"
      return
    fi
    log "REDIS_SERVER_EXECUTABLE=$REDIS_SERVER_EXECUTABLE is not an executable file"
    exit 1
  fi

  local found
  if found=$(command -v redis-server); then
    export REDIS_SERVER_EXECUTABLE=$found
    log "redis-server: $found"
    return
  fi

  if [[ "$(id -u)" -eq 0 ]]; then
    log "no redis-server found; installing Debian's redis-server with apt-get"
    local apt_log
    apt_log=$(mktemp)
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server; } >"$apt_log" 2>&1; then
      cat "$apt_log" >&2
      log "apt-get could not install redis-server"
      exit 1
    fi
    rm -f "$apt_log"
    export REDIS_SERVER_EXECUTABLE=/usr/bin/redis-server
    log "redis-server: $("$REDIS_SERVER_EXECUTABLE" --version 2>/dev/null || echo /usr/bin/redis-server)"
    return
  fi

  log "no redis-server found; the cluster tests (tests/E2E/Cluster) need it. Install one of:"
  log "  sudo apt-get install redis-server                  (Debian/Ubuntu; then re-run)"
  log "  export REDIS_SERVER_EXECUTABLE=/path/to/redis-server"
  if [[ "${CI:-}" == true ]]; then
    log "CI=true: stopping here rather than failing the cluster tests one by one"
    exit 1
  fi
  log "going on: the cluster tests will fail"
}

# --- Tests ----------------------------------------------------------------------------------------

# Test projects of the solution: each must leave one TRX file.
test_projects() {
  dotnet sln "$SOLUTION" list | tr '\\' '/' | grep -E '\.csproj$' | while read -r project; do
    if grep -q '<IsTestProject>true</IsTestProject>' "$project"; then
      printf '%s\n' "$project"
    fi
  done
}

# Prints the value of attribute $2 in the first <Counters .../> element of TRX file $1 (0 if absent).
counter() {
  local value
  value=$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || true)
  printf '%s' "${value:-0}"
}

# VSTest cannot put the project's name into LogFileName when a whole solution runs, and a shared
# --results-directory would let the projects overwrite each other's file. So each project writes
# <its folder>/TestResults/$TRX_NAME, which is then moved to $RESULTS/<project>.trx.
TRX_NAME=test-results.trx

find_chromium
find_redis_server

mapfile -t projects < <(test_projects)
rm -rf "$RESULTS"
for project in "${projects[@]}"; do rm -rf "$(dirname "$project")/TestResults"; done
mkdir -p "$RESULTS"

status=0
dotnet test "$SOLUTION" --logger "trx;LogFileName=$TRX_NAME" "$@" || status=$?
if [[ $status -ne 0 ]]; then log "dotnet test exited with $status"; fi

passed=0
failed=0
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  source="$(dirname "$project")/TestResults/$TRX_NAME"
  if [[ ! -f "$source" ]]; then
    log "$name: no TRX file ($source): its test run did not complete"
    failed=$((failed + 1))
    continue
  fi
  mv "$source" "$RESULTS/$name.trx"
  rmdir "$(dirname "$source")" 2>/dev/null || true
  p=$(counter "$RESULTS/$name.trx" passed)
  f=$(( $(counter "$RESULTS/$name.trx" failed) + $(counter "$RESULTS/$name.trx" error) \
      + $(counter "$RESULTS/$name.trx" timeout) + $(counter "$RESULTS/$name.trx" aborted) ))
  log "$name: $p passed, $f failed ($RESULTS/$name.trx)"
  passed=$((passed + p))
  failed=$((failed + f))
done

# The benchmarks' smoke run (every scenario once, tiny counts; never judges timings), so they never rot.
# Skipped when a --filter narrows the run, or with BENCH_SMOKE=0.
if [[ "${BENCH_SMOKE:-1}" != 0 && " $* " != *" --filter "* ]]; then
  if ! bash bench/smoke.sh >"$RESULTS/bench-smoke.log" 2>&1; then
    tail -n 20 "$RESULTS/bench-smoke.log" >&2
    log "bench smoke failed ($RESULTS/bench-smoke.log)"
    status=1
  else
    log "$(tail -n 1 "$RESULTS/bench-smoke.log")"
  fi
fi

if [[ $passed -eq 0 ]]; then log "no test passed"; status=1; fi
if [[ $failed -gt 0 ]]; then status=1; fi

echo "$passed passed, $failed failed"
exit "$status"
