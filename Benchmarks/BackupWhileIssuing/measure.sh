#!/usr/bin/env bash
# Measures `antre backup` of a year of history (1M tickets, from `store-bench history`)
# while a client issues tickets as fast as the server answers: how long the backup takes,
# and the longest an issue waited during it against the same client's waits before it.
#
#   Benchmarks/BackupWhileIssuing/measure.sh [ANTRE_BINARY] [STORE_BENCH_BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
antre=${1:-$root/.build/release/antre}
bench=${2:-$root/.build/debug/store-bench}
work=${WORK:-/tmp/antre-backup-measure}
db=$work/antre.sqlite
# REUSE=1 keeps the history of an earlier run (writing it takes minutes).
if [ "${REUSE:-0}" != 1 ] || [ ! -f "$db" ]; then
  rm -rf "$work" && mkdir -p "$work"
  echo "== a year of history: 1,000,000 tickets over 365 days"
  "$bench" history --db "$db" --tickets 1000000 --days 365 | tail -3
fi
rm -f "$work/backup.sqlite"
ls -l "$db"

"$antre" serve --config "$root/Assets/halls/demo-always-open.yaml" --db "$db" --port 0 \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q '^listening on' "$work/serve.out" && break; sleep 0.1; done
base=$(sed -n 's/^listening on //p' "$work/serve.out")
admin=$("$antre" tokens --config "$root/Assets/halls/demo-always-open.yaml" --db "$db" |
  sed -n 's/^  admin: *//p')

# The issuing client: one keep-alive connection, one ticket after another, each wait
# recorded with its start time.
python3 - "$base" "$admin" "$work/waits.txt" "${ISSUE_SECONDS:-90}" <<'PY' &
import http.client, json, sys, time, urllib.parse
base, token, out, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
u = urllib.parse.urlparse(base)
c = http.client.HTTPConnection(u.hostname, u.port)
body = json.dumps({"service": "A"})
h = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
end = time.time() + seconds
with open(out, "w") as f:
    while time.time() < end:
        t0 = time.time()
        c.request("POST", "/api/tickets", body, h)
        r = c.getresponse(); r.read()
        assert r.status == 201, r.status
        f.write(f"{t0:.6f} {time.time() - t0:.6f}\n")
PY
client=$!
sleep 10
t0=$(date +%s.%N)
"$antre" backup --db "$db" --to "$work/backup.sqlite" --lang en
t1=$(date +%s.%N)
wait $client
ls -l "$work/backup.sqlite"

curl -s "$base/metrics" | grep -E '^antre_(commit_seconds_max|event_loop_lag_max_seconds) ' >"$work/metrics.txt"
python3 - "$work/waits.txt" "$t0" "$t1" "$work/metrics.txt" <<'PY'
import sys
path, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
rows = [tuple(map(float, l.split())) for l in open(path)]
def summary(name, waits):
    waits = sorted(waits)
    if not waits: print(name, "none"); return
    p = lambda q: waits[min(len(waits) - 1, int(q * len(waits)))] * 1000
    slow = sum(1 for w in waits if w > 0.05)
    print(f"{name}: {len(waits)} issues, p50 {p(.5):.2f} ms, p99 {p(.99):.2f} ms, "
          f"p99.9 {p(.999):.2f} ms, max {waits[-1]*1000:.2f} ms, {slow} over 50 ms")
summary("before the backup", [w for s, w in rows if s + w < t0])
summary("during the backup", [w for s, w in rows if s < t1 and s + w > t0])
summary("after the backup ", [w for s, w in rows if s > t1])
print(f"server's own figures: " + open(sys.argv[4]).read().strip().replace("\n", ", "))
print(f"backup took {t1 - t0:.2f} s")
PY
