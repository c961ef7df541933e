#!/usr/bin/env bash
# Autobahn|Testsuite's fuzzing client against `antre serve --echo` (issue 10, item 9): cases
# 1-7, 9 and 10 on /ws/echo. Prints a count per result and exits non-zero on any FAILED.
# Needs pyenv's Python 2.7 with `wstest` (the pins are in .ci/run). About 30 s, so CI runs it:
#   Tests/Autobahn/run.sh [path/to/antre]
set -euo pipefail
cd "$(dirname "$0")/../.."
antre=${1:-.build/debug/antre}
wstest=${WSTEST:-$HOME/.pyenv/versions/2.7.18/bin/wstest}
work=$(mktemp -d /tmp/antre-autobahn.XXXXXX)
"$antre" serve --echo --config Assets/halls/demo-always-open.yaml --db "$work/db.sqlite" --port 0 \
  >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://[^ ]*' "$work/serve.log" | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
cat >"$work/fuzzingclient.json" <<JSON
{
  "outdir": "$work/reports",
  "servers": [{"agent": "antre", "url": "ws://127.0.0.1:$port/ws/echo"}],
  "cases": ["1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "9.*", "10.*"],
  "exclude-cases": [],
  "exclude-agent-cases": {}
}
JSON
(cd "$work" && "$wstest" -m fuzzingclient -s fuzzingclient.json >"$work/wstest.log" 2>&1)
python3 - "$work/reports/index.json" <<'PY'
import json, sys, collections
index = json.load(open(sys.argv[1]))["antre"]
counts = collections.Counter(r["behavior"] for r in index.values())
close = collections.Counter(r["behaviorClose"] for r in index.values())
failed = sorted(c for c, r in index.items() if r["behavior"] == "FAILED" or r["behaviorClose"] == "FAILED")
print(f"{len(index)} cases: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
print("close handshake: " + ", ".join(f"{k} {v}" for k, v in sorted(close.items())))
if failed:
    print("FAILED: " + " ".join(failed))
    sys.exit(1)
PY
echo "report: $work/reports/index.html"
