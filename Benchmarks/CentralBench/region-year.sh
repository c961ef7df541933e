#!/usr/bin/env bash
# Region API latency over a generated 300-hall year.
#   Benchmarks/CentralBench/region-year.sh postgres://USER@HOST:PORT/DB
# Loads region-year.sql into that database (after `antre central` has migrated it), starts
# `antre central` on it, and times each endpoint with curl: 20 requests, one at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
url=$1
antre=${ANTRE:-.build/release/antre}
token=region-year-benchmark-token
out=$(mktemp -d)
"$antre" central --postgres "$url" --port 0 --token "$token" >"$out/central" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 50); do grep -q "listening on" "$out/central" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$out/central" | head -1)
if [ "${SKIP_LOAD:-}" != 1 ]; then
  psql "$url" -X -q -f Benchmarks/CentralBench/region-year.sql
fi
today=$(date -u +%F)
year_ago=$(date -u -d "364 days ago" +%F)
measure() {
  local name=$1 path=$2
  for _ in $(seq 20); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$base$path"
  done | sort -n | awk -v name="$name" '{ t[NR] = $1 * 1000 }
    END { printf "%-34s median %7.1f ms   p90 %7.1f ms   max %7.1f ms\n", name, t[int(NR/2)+1], t[int(NR*0.9)], t[NR] }'
}
curl -s -H "Authorization: Bearer $token" "$base/api/halls" | head -c 300 || true; echo
measure "GET /api/halls (300 halls, today)" "/api/halls"
measure "stats, one hall, one day" "/api/halls/region-150/stats?date=$today"
measure "stats, one hall, a year" "/api/halls/region-150/stats?from=$year_ago&to=$today"
measure "ikm, one hall, a year" "/api/halls/region-150/ikm?from=$year_ago&to=$today"
