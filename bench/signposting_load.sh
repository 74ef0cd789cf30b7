#!/usr/bin/env bash
# Signposting at national scale (issue 6): builds a child index of CHILDREN children
# (default 11 million) of whom SIGNPOSTED have an open plan period, serves it, and runs wrk
# lookups by NHS number with a stated reason as a practitioner. Every lookup is audited and
# notifies the key worker; the script counts those writes afterwards.
# Usage: bench/signposting_load.sh [path/to/safehub] [path/to/signposting_index]
#   CHILDREN=11000000 SIGNPOSTED=5000 DURATION=30s CONNECTIONS=64 THREADS=2 IO_THREADS=2 HANDLER_THREADS=64
#   KEEP=dir  keep (and reuse, if it holds one) the built index in dir instead of a temp dir
#   RATE=5000 load at a fixed rate with bench/open_loop_load instead of wrk: the target is a
#             p99 at a given rate, and wrk (closed-loop) under-reports tails (see that file)
# Not part of ctest: building the index takes minutes and gigabytes. Traffic stays on 127.0.0.1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
safehub="${1:-./build-release/safehub}"
generator="${2:-$(dirname "$safehub")/bench/signposting_index}"
children="${CHILDREN:-11000000}"
signposted="${SIGNPOSTED:-5000}"
duration="${DURATION:-30s}"
connections="${CONNECTIONS:-64}"
threads="${THREADS:-2}"
port="${PORT:-18182}"
server=""
if [[ -n "${KEEP:-}" ]]; then work="$KEEP"; mkdir -p "$work"; else work=$(mktemp -d); fi
cleanup() {
  [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
  [[ -z "${KEEP:-}" ]] && rm -rf "$work"
}
trap cleanup EXIT

db="$work/index.db"
if [[ ! -f "$work/built" ]]; then
  rm -f "$db" "$db-wal" "$db-shm"
  started=$(date +%s.%N)
  # A small area for the teams, key workers and logins; then the national index beside it.
  "$safehub" demo --db "$db" --children 200 --years 1 --seed 1 --no-serve > "$work/demo.txt" 2>&1
  "$generator" "$db" "$children" "$signposted" "$work/nhs.txt"
  echo "index built in $(python3 -c "import time; print(round(time.time() - $started, 1))") s" | tee "$work/built"
fi
echo "index: $(du -h "$db" | cut -f1) on disk ($(sqlite3 "$db" 'SELECT count(*) FROM person') people," \
     "$(sqlite3 "$db" 'SELECT count(*) FROM plan_period') plan periods)"

# The lookup's queries must search an index, never scan 11 million rows. Without ANALYZE
# statistics the planner's choice does not depend on the table's size, so this also holds
# for the file as the server sees it.
nhs=$(head -1 "$work/nhs.txt")
plans=$(sqlite3 "$db" "
EXPLAIN QUERY PLAN SELECT id FROM person WHERE 1 = 1 AND nhs_number = '$nhs' AND shielding = 'none'
  ORDER BY surname, first_name, id LIMIT 20 OFFSET 0;
EXPLAIN QUERY PLAN SELECT id FROM plan_period WHERE child_id = 1 ORDER BY start_date, id;
EXPLAIN QUERY PLAN SELECT id FROM involvement WHERE child_id = 1;")
echo "$plans" | sed 's/^/  plan: /'
if grep -q "SCAN person\|SCAN plan_period\|SCAN involvement" <<< "$plans"; then
  echo "a lookup query scans a table" >&2; exit 1
fi

password=$(grep "demo / " "$work/demo.txt" | awk '{print $NF}')
"$safehub" serve --db "$db" --listen "127.0.0.1:$port" --threads "${IO_THREADS:-2}" --handler-threads "${HANDLER_THREADS:-64}" \
  > "$work/serve.txt" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && break; sleep 0.1; done
curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" > /dev/null
cookie=$(awk '$6 == "safehub_session" {print "safehub_session=" $7}' "$work/jar")
# One lookup by hand: a signposted child is answered with its plan.
curl -sf -b "$work/jar" -H "X-Access-Reason: benchmark check" "http://127.0.0.1:$port/api/v1/signposting?nhs_number=$nhs" |
  python3 -c 'import json,sys; c=json.load(sys.stdin)["children"]; assert c and c[0]["plan_type"], c; print("  check: answered", c[0]["plan_type"])'

audits_before=$(sqlite3 "$db" "SELECT count(*) FROM audit_entry WHERE action = 'signposting_lookup'")
notices_before=$(sqlite3 "$db" "SELECT count(*) FROM signposting_notification")
if [[ -n "${RATE:-}" ]]; then
  loader="${OPEN_LOOP_LOAD:-$(dirname "$safehub")/bench/open_loop_load}"
  sed 's|^|/api/v1/signposting?nhs_number=|' "$work/nhs.txt" > "$work/paths.txt"
  echo "signposting load: $(nproc) cores, $RATE requests/s due (open loop), $connections connections, ${duration%s} s"
  "$loader" --port "$port" --rate "$RATE" --duration "${duration%s}" --warmup "${WARMUP:-2}" --connections "$connections" \
    --paths "$work/paths.txt" --header "Cookie: $cookie" \
    --header "X-Access-Reason: Emergency department attendance, benchmark" | tee "$work/load.txt" || true
  rate_line="$(awk '/^answered/ {gsub(/[^0-9.]/, "", $3); print $3}' "$work/load.txt")"
  p99="$(awk '/latency from due time/ {for (i = 1; i <= NF; i++) if ($i == "p99") print $(i + 1) "ms"}' "$work/load.txt")"
  requests=$(awk '/^answered/ {print $2}' "$work/load.txt")
else
  echo "signposting load: $(nproc) cores, $connections connections, $threads wrk threads, $duration"
  NHS_FILE="$work/nhs.txt" COOKIE="$cookie" wrk -t"$threads" -c"$connections" -d"$duration" --latency \
    -s "$here/signposting_lookup.lua" "http://127.0.0.1:$port/" | tee "$work/wrk.txt"
  rate_line="$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")"
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
fi
kill "$server"; wait "$server" 2>/dev/null || true; server=""
audits=$(( $(sqlite3 "$db" "SELECT count(*) FROM audit_entry WHERE action = 'signposting_lookup'") - audits_before ))
notices=$(( $(sqlite3 "$db" "SELECT count(*) FROM signposting_notification") - notices_before ))
printf "signposting lookup: %s req/s   p99 %s   (%s lookups answered, %s audit entries, %s key workers notified${RATE:+, the last two with the warm-up})\n" \
  "$rate_line" "$p99" "$requests" "$audits" "$notices"
