#!/usr/bin/env bash
# How v1-hall.sqlite was made: the `antre` of commit 766a42f (schema version 1, the release
# before packaging) served the demo hall, and this script issued, called and finished tickets
# through the HTTP API; the server was then stopped with SIGTERM so the WAL was folded into
# the one file. Kept for the record: the fixture must stay the old program's own output, so
# do not regenerate it with a newer `antre`.
set -euo pipefail
antre=${1:?path to the old antre binary}
out=${2:?output database}
root=$(cd "$(dirname "$0")/../.." && pwd)
rm -f "$out" "$out-wal" "$out-shm"
"$antre" serve --config "$root/Assets/halls/demo-always-open.yaml" --db "$out" --port 0 \
  --root "$root" >/tmp/v1-serve.out 2>/tmp/v1-serve.err &
pid=$!
for _ in $(seq 100); do grep -q listening /tmp/v1-serve.out 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's/^listening on //p' /tmp/v1-serve.out)
admin=$(sed -n 's/^  admin: *//p' /tmp/v1-serve.out)
post() { curl -fsS -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d "${2:-{\}}" "$base$1"; echo; }
for i in $(seq 1 12); do post /api/tickets "{\"service\":\"A\",\"priority\":false,\"request\":\"fixture-a-$i\"}"; done
for i in $(seq 1 6); do post /api/tickets "{\"service\":\"B\",\"priority\":$([ $i = 3 ] && echo true || echo false)}"; done
post /api/counters/1/call; post /api/counters/1/start; post /api/counters/1/done
post /api/counters/1/call; post /api/counters/1/noshow
post /api/counters/1/call; post /api/counters/1/start
post /api/counters/2/call; post /api/counters/2/recall
post /api/counters/2/pause '{"reason":"istirahat"}'
kill -TERM "$pid"; wait "$pid" || true
ls -l "$out"*
