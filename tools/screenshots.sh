#!/usr/bin/env bash
# Regenerates the README's screenshots of the overview and of an actor's drill-down (light and dark, and the
# overview on a phone) in docs/screenshots/, against a real server and Chromium. It compiles tests/E2E/Docs,
# which ./test.sh never builds, so the pictures never count as a passing test.
#
#   tools/screenshots.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" && -x /usr/bin/chromium ]]; then
  export PLAYWRIGHT_CHROMIUM_EXECUTABLE=/usr/bin/chromium
fi

export DOCS_SCREENSHOTS=1
dotnet test tests/E2E/E2E.csproj --filter "FullyQualifiedName~E2E.Docs.DocScreenshots" "$@"
# Build again without the tool, so that the next ./test.sh does not find its class in a stale build.
DOCS_SCREENSHOTS=0 dotnet build tests/E2E/E2E.csproj -nologo -v quiet >/dev/null
ls -l docs/screenshots/overview*.png docs/screenshots/actor-detail*.png
