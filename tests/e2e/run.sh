#!/usr/bin/env bash
# End-to-end tests of the web UI in Debian's Chromium, driven by playwright-core, against a
# real safehub server on a fresh demo database.
#   tests/e2e/run.sh <path-to-safehub-binary> <web-root>
# Screenshots go to $SAFEHUB_E2E_ARTIFACTS (default: build/e2e-artifacts in the repo).
# Exits non-zero on any failure; the last line is "N passed, M failed".
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <path-to-safehub-binary> <web-root>" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
safehub=$(realpath "$1")
web_root=$(realpath "$2")

if [[ ! -x "$safehub" ]]; then echo "e2e: no safehub binary at $safehub" >&2; echo "0 passed, 1 failed"; exit 1; fi
if [[ ! -f "$web_root/index.html" ]]; then echo "e2e: the web UI is not built in $web_root (npm --prefix web run build)" >&2; echo "0 passed, 1 failed"; exit 1; fi
if [[ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]]; then echo "e2e: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (scripts/setup.sh installs it)" >&2; echo "0 passed, 1 failed"; exit 1; fi
if [[ ! -d "$repo/web/node_modules/playwright-core" ]]; then
  npm --prefix "$repo/web" ci --no-audit --no-fund >&2
fi

export SAFEHUB_E2E_ARTIFACTS="${SAFEHUB_E2E_ARTIFACTS:-$repo/build/e2e-artifacts}"
exec node "$here/ui.e2e.mjs" "$safehub" "$web_root"
