#!/usr/bin/env bash
# libFuzzer targets (issue 10): builds each with `swiftc -sanitize=fuzzer,address` and runs it
# for SECONDS (default 60) on its seed corpus in Tests/Fuzz/Corpus/NAME (new finds go to a
# scratch copy, so the committed corpus stays small). Prints executions and exec/s per target;
# exits non-zero if a target crashes (the crashing input is kept in the work directory).
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]   targets: IssueBody HallFile WebSocketSession
#                                                      RFC3339 HTTPRequest
# The module under test is compiled from its sources with the fuzzer's coverage; modules it
# imports come from the debug build (`swift build` first).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(IssueBody HallFile WebSocketSession RFC3339 HTTPRequest)
build=.build/debug
work=$(mktemp -d /tmp/antre-fuzz.XXXXXX)
# The @PublicInit macro comes from the plugin the debug build made.
flags=(-sanitize=fuzzer,address -parse-as-library -Onone -g -I "$build/Modules" -suppress-warnings
  -load-plugin-executable "$build/InitMacrosPlugin-tool#InitMacrosPlugin")

# A module's objects from the debug build; for the project's own modules only those whose
# source still exists (a file moved to another module leaves its old object behind).
objects() {
  local o base
  for o in $(find "$build/$1.build" -name "*.o" ! -name "*.swiftmodule.o"); do
    base=$(basename "$o" .o)
    if [ -d "Sources/$1" ] && [[ $base == *.swift ]] && [ -z "$(find "Sources/$1" -name "$base")" ]; then
      continue
    fi
    echo "$o"
  done
}

compile() {
  local name=$1
  shift
  case $name in
    IssueBody)
      swiftc "${flags[@]}" -module-name FuzzIssueBody -o "$work/$name" \
        Sources/Server/IssueBody+Parsing.swift Sources/Server/RequestBodies.swift \
        Tests/Fuzz/IssueBody/Fuzz.swift $(objects HTTP) $(objects HallWire) ;;
    HallFile)
      swiftc "${flags[@]}" -module-name FuzzHallFile -o "$work/$name" \
        -I .build/checkouts/Yams/Sources/CYaml/include -I Sources/CLibcrypto \
        Sources/HallYAML/*.swift Tests/Fuzz/HallFile/Fuzz.swift $(objects QueueCore) \
        $(objects HallWire) $(objects PinHash) $(objects Yams) $(objects CYaml) -lcrypto ;;
    WebSocketSession)
      swiftc "${flags[@]}" -module-name FuzzWebSocket -o "$work/$name" -I Sources/CWslay \
        Sources/WebSocket/*.swift Tests/Fuzz/WebSocketSession/Fuzz.swift -lwslay ;;
    RFC3339)
      swiftc "${flags[@]}" -module-name FuzzRFC3339 -o "$work/$name" \
        Sources/HallWire/*.swift Tests/Fuzz/RFC3339/Fuzz.swift ;;
    HTTPRequest)
      swiftc "${flags[@]}" -module-name FuzzHTTP -o "$work/$name" \
        Sources/HTTP/*.swift Tests/Fuzz/HTTPRequest/Fuzz.swift $(objects HallWire) ;;
    *) echo "unknown target $name" >&2; return 1 ;;
  esac
}

status=0
for name in "${targets[@]}"; do
  compile "$name" 2> >(grep -v -e 'ld.gold: warning' >&2)
  mkdir -p "$work/corpus-$name"
  cp Tests/Fuzz/Corpus/"$name"/* "$work/corpus-$name/" 2>/dev/null || true
  if (cd "$work" && ASAN_OPTIONS=detect_leaks=0 "./$name" -max_total_time="$seconds" \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "corpus-$name" \
    >"$name.log" 2>&1); then
    result=ok
  else
    result=CRASH
    status=1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo 0)
  cov=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -1 || true)
  printf '%-17s %-5s %12s runs %8s exec/s  %s\n' "$name" "$result" "$runs" "$rate" "$cov"
  if [ $result = CRASH ]; then grep -m5 -e 'ERROR' -e 'Fatal error' "$work/$name.log" >&2 || true; fi
done
echo "work directory: $work"
exit $status
