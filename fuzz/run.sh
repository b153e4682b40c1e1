#!/usr/bin/env bash
# `make fuzz`: every parser under libFuzzer. Builds fuzz/ParserFuzz with
# -sanitize=fuzzer,address into .build-fuzz (git-ignored; the normal build is untouched),
# seeds one corpus per target from the test fixtures (fuzz/seeds.py), and runs each target
# for FUZZ_SECONDS (default 10) or FUZZ_RUNS executions. Prints one table row per target.
# A crash leaves its input in .build-fuzz/crashes/TARGET/ and makes the run fail: replay it
# with `swift build --product ParserFuzz && .build/debug/ParserFuzz TARGET FILE`, fix the
# parser, and add the input as a regression test (Tests/RunIngestTests/FuzzRegressionTests.swift).
#   FUZZ_TARGETS="jsonl csv"   only these targets; FUZZ_MAX_LEN (default 16384) the largest input
#   FUZZ_TIMEOUT (default 20)  seconds one input may take, wall clock: raise it on a machine busy
#                              with builds, where a starved fuzzer reports a timeout that is none
set -uo pipefail
cd "$(dirname "$0")/.."
SCRATCH=.build-fuzz
SECONDS_EACH="${FUZZ_SECONDS:-10}"
RUNS="${FUZZ_RUNS:-}"
mkdir -p "$SCRATCH"
# lld: gold stops with an internal error on the instrumented objects.
swift build -c release --scratch-path "$SCRATCH" --product ParserFuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >"$SCRATCH/build.log" 2>&1 \
  || { tail -30 "$SCRATCH/build.log" >&2; echo "fuzz: the fuzzing build failed (full log: $SCRATCH/build.log)" >&2; exit 1; }
BIN="$SCRATCH/release/ParserFuzz"
python=python3
[ -x .venv/bin/python3 ] && python=.venv/bin/python3

echo "| fuzz target | executions | exec/s | corpus | result |"
echo "|---|---|---|---|---|"
status=0
while IFS=$'\t' read -r target globs; do
  if [ -n "${FUZZ_TARGETS:-}" ] && ! [[ " $FUZZ_TARGETS " == *" $target "* ]]; then continue; fi
  corpus="$SCRATCH/corpus/$target"
  crashes="$SCRATCH/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  # shellcheck disable=SC2086  # the globs are meant to expand
  seeds=$(ls -d $globs 2>/dev/null | while read -r f; do [ -f "$f" ] && echo "$f"; done)
  # shellcheck disable=SC2086
  "$python" fuzz/seeds.py "$target" "$corpus" $seeds
  limit=(-max_total_time="$SECONDS_EACH")
  [ -n "$RUNS" ] && limit=(-runs="$RUNS")
  log="$SCRATCH/$target.log"
  # The Swift runtime's own backtracer would take seconds per crash: libFuzzer reports it.
  SCALETOP_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$BIN" "${limit[@]}" -max_len="${FUZZ_MAX_LEN:-16384}" -timeout="${FUZZ_TIMEOUT:-20}" \
    -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
  rc=$?
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  rate=$(grep -o 'exec/s: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  size=$(find "$corpus" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then result="no crash"; else result="CRASH (exit $rc): $(ls "$crashes" | head -3 | tr '\n' ' ')see $log"; status=1; fi
  echo "| $target | ${executions:-?} | ${rate:-?} | $size inputs | $result |"
done < <(SCALETOP_FUZZ_LIST=1 "$BIN")
exit $status
