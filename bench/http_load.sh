#!/usr/bin/env bash
# Loopback load benchmark with wrk: the unauthenticated health endpoint (the server's
# hello-world) against an authenticated, audited GET of one child's record.
# Usage: bench/http_load.sh [path/to/safehub]   (DURATION=10s CONNECTIONS=32 THREADS=2
#        IO_THREADS=2 HANDLER_THREADS=64: the server's --threads and --handler-threads)
# Prints requests/s and p99 latency for each, and the disk's fsync latency: every audited
# request waits for its audit entry's commit, so with C connections in flight the audited
# rate cannot pass C / fsync time. Traffic stays on 127.0.0.1.
set -euo pipefail
safehub="${1:-./build-release/safehub}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
port="${PORT:-18181}"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$safehub" demo --db "$work/bench.db" --children 2000 --years 2 --seed 1 --no-serve > "$work/demo.txt" 2>&1
password=$(grep "demo / " "$work/demo.txt" | awk '{print $NF}')
"$safehub" serve --db "$work/bench.db" --listen "127.0.0.1:$port" --threads "${IO_THREADS:-2}" \
  --handler-threads "${HANDLER_THREADS:-64}" \
  > "$work/serve.txt" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/api/v1/health" > /dev/null && break; sleep 0.1; done

curl -sf -c "$work/jar" -H 'Content-Type: application/json' \
  -d "{\"username\":\"demo\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" > /dev/null
cookie=$(awk '$6 == "safehub_session" {print "safehub_session=" $7}' "$work/jar")
child=$(curl -sf -b "$work/jar" "http://127.0.0.1:$port/api/v1/children?name=a" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["children"][0]["id"])')

# The server's CPU time (user + system, from /proc) per request served: unlike req/s it
# holds when other work shares the machine.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
run() {
  local label="$1"; shift
  local out before after
  before=$(server_cpu_ticks)
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@")
  after=$(server_cpu_ticks)
  local rps p99 requests
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  printf '%-40s %12s req/s   p99 %-9s server CPU %s us/request\n' "$label" "$rps" "$p99" \
    "$(( (after - before) * 1000000 / $(getconf CLK_TCK) / requests ))"
}

fsync_ms() {
  python3 - "$work/fsync.probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT)
times = []
for i in range(50):
    os.pwrite(fd, b"x" * 4096, i * 4096)
    start = time.perf_counter(); os.fdatasync(fd); times.append(time.perf_counter() - start)
times.sort()
print("%.2f ms p50, %.2f ms p90" % (times[25] * 1e3, times[45] * 1e3))
PY
}

echo "safehub http load: $(nproc) cores, $connections connections, $duration each; fsync $(fsync_ms)"
run "GET /api/v1/health (no auth)" "http://127.0.0.1:$port/api/v1/health"
run "GET /api/v1/session (authenticated)" -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/session"
run "GET /api/v1/children/$child/events (audited)" -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/children/$child/events"
run "GET /api/v1/children/$child (audited)" -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/children/$child"
