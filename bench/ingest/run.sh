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
# TensorBoard: a large event file written by tensorboardX, read by TensorBoard's own loader.
tb_row=""
if python3 -c "import tensorboardX, tensorboard" 2>/dev/null; then
  STEPS="${BENCH_EVENT_STEPS:-200000}"
  mkdir -p "$work/tb/run"
  python3 bench/ingest/make_events.py "$work/tb/run" "$STEPS"
  event=$(ls "$work"/tb/run/events.out.tfevents.*)
  tb_bytes=$(stat -c %s "$event")
  cat "$event" >/dev/null
  tb_ours=$(best "$BIN" runs "$work/tb" --format json)
  tb_py=$(best python3 bench/ingest/read_events.py "$event")
  tb_wc=$(best wc -c "$event")
  tb_row="$tb_bytes $STEPS $tb_ours $tb_py $tb_wc"
else
  echo "| ingest TensorBoard | skipped | | | pip install tensorboard tensorboardX to run it |"
fi
rss_full=$(/usr/bin/time -f %M "$BIN" runs "$work/study" --format json 2>&1 >/dev/null | tail -1)
rss_empty=$(/usr/bin/time -f %M "$BIN" runs "$work/empty" --format json 2>&1 >/dev/null | tail -1)
python3 - "$bytes" "$LINES" "$t_ours" "$t_py" "$t_wc" "$rss_full" "$rss_empty" $tb_row <<'PY'
import sys
size, lines = int(sys.argv[1]), int(sys.argv[2])
ours, py, wc = map(float, sys.argv[3:6])
rss_full, rss_empty = int(sys.argv[6]), int(sys.argv[7])
mb = size / 1e6
per_point = (rss_full - rss_empty) * 1024 / lines
print(f"| ingest JSONL, {mb:.0f} MB, {lines:,} lines | {mb/ours:.0f} MB/s, {lines/ours/1e6:.2f} M points/s | python json.loads {mb/py:.0f} MB/s | {py/ours:.1f}× faster than Python | wc -l {mb/wc:.0f} MB/s ({ours/wc:.1f}× the floor); peak RSS {per_point:.0f} B per stored point |")
if len(sys.argv) > 8:
    tb_size, steps = int(sys.argv[8]), int(sys.argv[9])
    tb_ours, tb_py, tb_wc = map(float, sys.argv[10:13])
    tmb = tb_size / 1e6
    print(f"| ingest TensorBoard, {tmb:.0f} MB, {3*steps:,} scalars | {tmb/tb_ours:.0f} MB/s, {steps/tb_ours/1e6:.2f} M points/s | TensorBoard loader {tmb/tb_py:.1f} MB/s | {tb_py/tb_ours:.1f}× faster than Python | wc -c {tmb/tb_wc:.0f} MB/s ({tb_ours/tb_wc:.1f}× the floor) |")
PY
