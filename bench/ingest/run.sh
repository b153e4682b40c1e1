#!/usr/bin/env bash
# Ingest throughput: scaletop reading a large JSONL log and a large TensorBoard event file
# (`scaletop runs`, the whole path from discovery to points in the store, start-up included)
# against references on the same files in the same run:
#   JSONL:       polars.read_ndjson (target: scaletop ≥ 3× as fast), `wc -l` (the floor, just
#                finding the newlines; target: within 5× of it), Python's json.loads loop;
#   TensorBoard: TensorBoard's Rust data server loading the folder once (target: ≥ 5× as
#                fast), TensorBoard's Python event loader.
# Times are the best of BENCH_ROUNDS (5) wall times; CPU seconds (all threads) are of that run.
# The tools take turns, one run each per round (scaletop, wc, polars, scaletop, …), so each
# ratio compares runs made in the same minutes: on this shared machine a reference timed
# minutes after scaletop swung by 2× (issue 16's notes). The Python loaders (json.loads,
# TensorBoard's EventFileLoader; 7 and 50 s a run, 10–300× slower) run once. The
# references are timed without their start-up (polars inside Python, the data server by its
# own "Finished load cycle"); scaletop's time includes its own. Also the memory per stored
# point (peak RSS above an empty study, divided by points).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
LINES="${BENCH_JSONL_LINES:-1000000}"
STEPS="${BENCH_EVENT_STEPS:-200000}"
PY=python3
[[ -x .venv/bin/python3 ]] && PY=.venv/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/study/run" "$work/empty"
jsonl="$work/study/run/metrics.jsonl"
"$PY" bench/ingest/make_jsonl.py "$jsonl" "$LINES"
bytes=$(stat -c %s "$jsonl")
ROUNDS="${BENCH_ROUNDS:-5}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench/ingest: BENCH_ROUNDS must be a whole number ≥ 1, not '$ROUNDS'" >&2; exit 2; }
timed() { "$PY" bench/ingest/timed.py 1 "$@"; }
# The fastest of the "wall cpu …" lines on stdin.
fastest() { LC_ALL=C sort -g | head -1; }
sync                      # the new files written back before anything is timed
cat "$jsonl" >/dev/null   # page cache warm for everyone
has_polars=0
"$PY" -c "import polars" 2>/dev/null && has_polars=1
ours_runs=""; wc_runs=""; polars_runs=""
for _ in $(seq "$ROUNDS"); do
  ours_runs+="$(timed "$BIN" runs "$work/study" --format json)"$'\n'
  wc_runs+="$(timed wc -l "$jsonl")"$'\n'
  # Best of two calls in one process: the first pays polars' one-time set-up.
  if (( has_polars )); then polars_runs+="$("$PY" bench/ingest/read_polars.py "$jsonl" 2)"$'\n'; fi
done
ours=$(printf '%s' "$ours_runs" | fastest)
wc=$(printf '%s' "$wc_runs" | fastest)
polars="skipped"
(( has_polars )) && polars=$(printf '%s' "$polars_runs" | fastest)
py=$(timed "$PY" bench/ingest/read_jsonl.py "$jsonl")
# TensorBoard: a large event file written by tensorboardX.
tb="skipped"; tb_loader=""; tb_server=""; tb_bytes=0
if "$PY" -c "import tensorboardX, tensorboard" 2>/dev/null; then
  mkdir -p "$work/tb/run"
  "$PY" bench/ingest/make_events.py "$work/tb/run" "$STEPS"
  event=$(ls "$work"/tb/run/events.out.tfevents.*)
  tb_bytes=$(stat -c %s "$event")
  sync
  cat "$event" >/dev/null
  has_server=0
  "$PY" -c "import tensorboard_data_server as s, sys; sys.exit(s.server_binary() is None)" 2>/dev/null && has_server=1
  tb_runs=""; server_runs=""
  for _ in $(seq "$ROUNDS"); do
    tb_runs+="$(timed "$BIN" runs "$work/tb" --format json)"$'\n'
    if (( has_server )); then server_runs+="$("$PY" bench/ingest/data_server_load.py "$work/tb" 1)"$'\n'; fi
  done
  tb=$(printf '%s' "$tb_runs" | fastest)
  tb_server="skipped"
  (( has_server )) && tb_server=$(printf '%s' "$server_runs" | fastest)
  tb_loader=$(timed "$PY" bench/ingest/read_events.py "$event")
fi
rss_full=$(/usr/bin/time -f %M "$BIN" runs "$work/study" --format json 2>&1 >/dev/null | tail -1)
rss_empty=$(/usr/bin/time -f %M "$BIN" runs "$work/empty" --format json 2>&1 >/dev/null | tail -1)
"$PY" - "$bytes" "$LINES" "$ours" "$wc" "$py" "$polars" "$rss_full" "$rss_empty" \
  "$tb_bytes" "$STEPS" "$tb" "$tb_loader" "$tb_server" <<'PY'
import sys
a = sys.argv[1:]
size, lines = int(a[0]), int(a[1])
ours_wall, ours_cpu = map(float, a[2].split())
wc_wall, _ = map(float, a[3].split())
py_wall, py_cpu = map(float, a[4].split())
polars, rss_full, rss_empty = a[5], int(a[6]), int(a[7])
mb = size / 1e6
per_point = (rss_full - rss_empty) * 1024 / lines
name = f"ingest JSONL, {mb:.0f} MB, {lines:,} lines"
ours = f"{ours_wall:.3f} s ({mb/ours_wall:.0f} MB/s, {lines/ours_wall/1e6:.2f} M points/s), {ours_cpu:.3f} s CPU"
if polars == "skipped":
    print(f"| {name} vs polars | {ours} | skipped | | pip install polars (scripts/python-requirements.txt) to run it |")
else:
    p_wall, p_cpu, _ = polars.split()
    p_wall, p_cpu = float(p_wall), float(p_cpu)
    print(f"| {name} vs polars | {ours} | polars.read_ndjson {p_wall:.3f} s, {p_cpu:.3f} s CPU | "
          f"{p_wall/ours_wall:.1f}× as fast (CPU {p_cpu/ours_cpu:.1f}×) | target ≥ 3× |")
print(f"| {name} vs wc -l | {ours} | wc -l {wc_wall:.3f} s ({mb/wc_wall:.0f} MB/s) | "
      f"{ours_wall/wc_wall:.1f}× the floor | target ≤ 5×; peak RSS {per_point:.0f} B per stored point |")
print(f"| {name} vs json.loads | {ours} | Python json.loads loop {py_wall:.3f} s, {py_cpu:.3f} s CPU | "
      f"{py_wall/ours_wall:.1f}× as fast (CPU {py_cpu/ours_cpu:.1f}×) | |")
tb_bytes, steps, tb, loader, server = int(a[8]), int(a[9]), a[10], a[11], a[12]
if tb == "skipped":
    print("| ingest TensorBoard | skipped | | | pip install tensorboard tensorboardX to run it |")
    sys.exit()
tmb = tb_bytes / 1e6
t_wall, t_cpu = map(float, tb.split())
name = f"ingest TensorBoard, {tmb:.0f} MB, {3*steps:,} scalars"
ours = f"{t_wall:.3f} s ({tmb/t_wall:.0f} MB/s, {steps/t_wall/1e6:.2f} M points/s), {t_cpu:.3f} s CPU"
if server == "skipped":
    print(f"| {name} vs data server | {ours} | skipped | | tensorboard-data-server ships no binary here |")
else:
    s_wall, s_cpu = map(float, server.split())
    print(f"| {name} vs data server | {ours} | Rust data server load {s_wall:.3f} s, {s_cpu:.3f} s CPU | "
          f"{s_wall/t_wall:.1f}× as fast (CPU {s_cpu/t_cpu:.1f}×) | target ≥ 5× |")
l_wall, l_cpu = map(float, loader.split())
print(f"| {name} vs Python loader | {ours} | TensorBoard EventFileLoader {l_wall:.3f} s | "
      f"{l_wall/t_wall:.1f}× as fast (CPU {l_cpu/t_cpu:.1f}×) | |")
PY
