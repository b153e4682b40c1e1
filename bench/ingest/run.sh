#!/usr/bin/env bash
# Ingest throughput: scaletop reading a large JSONL log (`scaletop runs`, the whole path from
# discovery to points in the store) against Python's json.loads loop and against `wc -l`
# (the floor: just finding the newlines), all on the same file in one run. Also the memory
# per stored point (peak RSS above an empty study, divided by points).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
LINES="${BENCH_JSONL_LINES:-1000000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/study/run" "$work/empty"
python3 bench/ingest/make_jsonl.py "$work/study/run/metrics.jsonl" "$LINES"
bytes=$(stat -c %s "$work/study/run/metrics.jsonl")
now() { date +%s.%N; }
best() {  # best of 3 wall times for a command
  local best=""
  for _ in 1 2 3; do
    local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now)
    best=$(python3 -c "import sys; a=float(sys.argv[1]); b=sys.argv[2]; print(a if b=='' else min(a,float(b)))" "$(echo "$t1 - $t0" | bc)" "$best")
  done
  echo "$best"
}
cat "$work/study/run/metrics.jsonl" >/dev/null   # page cache warm for everyone
t_ours=$(best "$BIN" runs "$work/study" --format json)
t_py=$(best python3 bench/ingest/read_jsonl.py "$work/study/run/metrics.jsonl")
t_wc=$(best wc -l "$work/study/run/metrics.jsonl")
rss_full=$(/usr/bin/time -f %M "$BIN" runs "$work/study" --format json 2>&1 >/dev/null | tail -1)
rss_empty=$(/usr/bin/time -f %M "$BIN" runs "$work/empty" --format json 2>&1 >/dev/null | tail -1)
python3 - "$bytes" "$LINES" "$t_ours" "$t_py" "$t_wc" "$rss_full" "$rss_empty" <<'PY'
import sys
size, lines = int(sys.argv[1]), int(sys.argv[2])
ours, py, wc = map(float, sys.argv[3:6])
rss_full, rss_empty = int(sys.argv[6]), int(sys.argv[7])
mb = size / 1e6
per_point = (rss_full - rss_empty) * 1024 / lines
print(f"| ingest JSONL, {mb:.0f} MB, {lines:,} lines | {mb/ours:.0f} MB/s, {lines/ours/1e6:.2f} M points/s | python json.loads {mb/py:.0f} MB/s | {py/ours:.1f}× faster than Python | wc -l {mb/wc:.0f} MB/s ({ours/wc:.1f}× the floor); peak RSS {per_point:.0f} B per stored point |")
PY
