#!/usr/bin/env bash
# What a practitioner sees while an agency's feed loads: the latency of an authenticated,
# audited GET of one child's record (wrk on loopback), first alone and then while feeds of
# police notifications are POSTed to the same server, one after another, as fast as it takes
# them. Every audited read waits for its audit entry's commit, and the store has one writer,
# so the reads wait for whatever feed work holds the writer when they arrive: this shows how
# long that is. Also prints the feed's own rate during the run.
# Usage: bench/reads_during_feed.sh [path/to/safehub]
#        (DURATION=10s CONNECTIONS=4 FEED_ROWS=8000 rows per POST, under the 1 MiB body limit)
set -euo pipefail
safehub="${1:-./build-release/safehub}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-4}"
feed_rows="${FEED_ROWS:-8000}"
port="${PORT:-18183}"
work=$(mktemp -d)
feeder=""
trap 'kill "$server" $feeder 2>/dev/null || true; rm -rf "$work"' EXIT

"$safehub" demo --db "$work/bench.db" --children 2000 --years 2 --seed 1 --no-serve > "$work/demo.txt" 2>&1
password=$(grep "demo / " "$work/demo.txt" | awk '{print $NF}')
"$safehub" serve --db "$work/bench.db" --listen "127.0.0.1:$port" --threads 2 > "$work/serve.txt" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && break; sleep 0.1; done

login=$(curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session")
csrf=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
cookie=$(awk '$6 == "safehub_session" {print "safehub_session=" $7}' "$work/jar")
child=$(curl -sf -b "$work/jar" "http://127.0.0.1:$port/api/v1/children?name=a" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["children"][0]["id"])')

# The demo area's children, by name and birth date (as feeds without an NHS number link).
sqlite3 -csv "$work/bench.db" \
  "SELECT first_name, surname, date_of_birth FROM person WHERE kind = 'child' AND date_of_birth IS NOT NULL" \
  > "$work/children.csv"
make_feed() {  # make_feed N: the N-th feed, its references unique to it
  awk -F, -v n="$1" -v rows="$feed_rows" 'BEGIN { srand(n) } { c[NR] = $0 } END {
    print "source_reference,first_name,surname,date_of_birth,kind,occurred_on,risk,notification"
    for (i = 0; i < rows; i++) {
      split(c[1 + (n * 7919 + i) % NR], f, ",")
      printf "F%d-%d,%s,%s,%s,police_incident,2024-05-0%d,%s,information_only\n", n, i, f[1], f[2], f[3], 1 + i % 9, (i % 7 ? "low" : "high")
    }
  }' "$work/children.csv" > "$work/feed$1.csv"
}

read_record() {
  wrk -t1 -c"$connections" -d"$duration" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/children/$child" |
    awk '/Latency Distribution/ {d = 1} d && /50%|90%|99%/ {printf "%s %s  ", $1, $2} /Requests\/sec/ {printf "%s req/s\n", $2}'
}

echo "audited record, $connections connections, alone:"
echo "  $(read_record)"

for n in $(seq 1 40); do make_feed "$n"; done
(
  n=1
  while true; do
    curl -sf -b "$work/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: text/csv' \
      --data-binary "@$work/feed$n.csv" "http://127.0.0.1:$port/api/v1/feeds/events" > "$work/report$n.json" || exit 1
    n=$((n % 40 + 1))
  done
) &
feeder=$!
sleep 1  # the feeds under way
before=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM event WHERE source_reference LIKE 'F%'")
start=$(date +%s.%N)
echo "audited record, $connections connections, while ${feed_rows}-row feeds are POSTed back to back:"
echo "  $(read_record)"
after=$(sqlite3 "$work/bench.db" "SELECT COUNT(*) FROM event WHERE source_reference LIKE 'F%'")
end=$(date +%s.%N)
kill "$feeder" 2>/dev/null || true
feeder=""
python3 -c "import sys; print(f'  feed meanwhile: {(int(sys.argv[2]) - int(sys.argv[1])) / (float(sys.argv[4]) - float(sys.argv[3])):.0f} events/s stored (with linkage, audit and concern detection)')" \
  "$before" "$after" "$start" "$end"
