#!/usr/bin/env bash
# Makes docs/screenshots/cluster-overview.png (the README's "Running several nodes" picture): starts the cluster
# with tools/cluster.sh on spare ports, opens a few user tabs through the gateway (so both nodes have actors),
# signs in on node A and photographs its cluster-wide overview, then stops the cluster.
#
#   tools/cluster-screenshot.sh [output.png]
#
# It drives Chromium with the Playwright driver that Microsoft.Playwright copies next to the E2E binaries (no
# npm install), so it builds tests/E2E when that is missing. A documentation tool, not a test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=${1:-docs/screenshots/cluster-overview.png}
export GATEWAY_PORT=${GATEWAY_PORT:-5400} FIRST_NODE_PORT=${FIRST_NODE_PORT:-5401} REDIS_PORT=${REDIS_PORT:-6394}
export DASHBOARD_ADMIN_PASSWORD=screenshot-pw
export CONFIGURATION=${CONFIGURATION:-Debug}

log() { printf 'cluster-screenshot.sh: %s\n' "$*" >&2; }

driver=$(ls -d tests/E2E/bin/"$CONFIGURATION"/net*/.playwright 2>/dev/null | head -n 1 || true)
if [[ -z "$driver" ]]; then
  dotnet build tests/E2E/E2E.csproj -c "$CONFIGURATION" -nologo -v quiet >/dev/null
  driver=$(ls -d tests/E2E/bin/"$CONFIGURATION"/net*/.playwright | head -n 1)
fi
node=$(ls "$driver"/node/*/node | head -n 1)

cluster_log=$(mktemp /tmp/cluster-screenshot.XXXXXX.log)
tools/cluster.sh >"$cluster_log" 2>&1 &
cluster=$!
trap 'kill "$cluster" 2>/dev/null || true; wait "$cluster" 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do
  if grep -q "Ctrl-C stops everything" "$cluster_log"; then break; fi
  if ! kill -0 "$cluster" 2>/dev/null; then cat "$cluster_log" >&2; exit 1; fi
  sleep 0.2
done
grep -q "Ctrl-C stops everything" "$cluster_log" || { cat "$cluster_log" >&2; log "the cluster did not start"; exit 1; }

log "photographing http://127.0.0.1:$FIRST_NODE_PORT/overview into $OUT"
PLAYWRIGHT_PACKAGE="$PWD/$driver/package" OUT="$OUT" CHROMIUM="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}" \
  GATEWAY="http://127.0.0.1:$GATEWAY_PORT" NODE_A="http://127.0.0.1:$FIRST_NODE_PORT" "$node" - <<'EOF'
const { chromium } = require(process.env.PLAYWRIGHT_PACKAGE);
(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    // Six users through the gateway: round-robin puts three on each node.
    for (let i = 0; i < 6; i++) {
      const user = await browser.newContext({ baseURL: process.env.GATEWAY });
      const tab = await user.newPage();
      await tab.goto('/');
      await tab.waitForSelector('[data-testid=app-shell][data-interactive=true]');
      await tab.getByTestId('btn-request').click();
    }
    const admin = await browser.newContext({ baseURL: process.env.NODE_A, viewport: { width: 1920, height: 1000 } });
    const overview = await admin.newPage();
    await overview.goto('/login?returnUrl=%2Foverview');
    await overview.getByTestId('login-password').fill(process.env.DASHBOARD_ADMIN_PASSWORD);
    await overview.getByTestId('login-submit').click();
    await overview.waitForSelector('[data-testid=app-shell][data-interactive=true]');
    await overview.waitForSelector("[data-testid=cluster-node][data-node='node-b']");
    await overview.waitForSelector("[data-testid=overview-row][data-node='node-b']");
    await overview.waitForTimeout(3000); // let the charts draw a few points: a picture, not a test
    await overview.screenshot({ path: process.env.OUT, fullPage: true });
  } finally {
    await browser.close();
  }
})().catch(error => { console.error(error); process.exit(1); });
EOF
log "wrote $OUT"
