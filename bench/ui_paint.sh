#!/usr/bin/env bash
# First meaningful paint of the child page (from the click on a search result to the child's
# name as the page heading, the record loaded) on a 20,000-child demo area: the browser
# end-to-end flows run against that area and print the figure. Not part of `make test`.
# Usage: bench/ui_paint.sh [build-dir]   (needs build/safehub, build/web, /usr/bin/chromium)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build="${1:-$here/../build}"
export SAFEHUB_E2E_CHILDREN="${SAFEHUB_E2E_CHILDREN:-20000}"
export SAFEHUB_E2E_ARTIFACTS="${SAFEHUB_E2E_ARTIFACTS:-$(mktemp -d)}"
echo "child page first paint: $(nproc) cores, ${SAFEHUB_E2E_CHILDREN}-child demo area"
"$here/../tests/e2e/run.sh" "$build/safehub" "$build/web" | grep -E "^First paint|passed, .* failed"
