#!/usr/bin/env bash
# The dashboard's costs, each beside a reference measured in the same run:
# - frame time with every panel at 200×60 for 200 runs × 100,000 points (in process, the
#   event loop's own render path), against plotext drawing the same curves when installed;
# - memory resident for that study, per stored point;
# - bytes written to the terminal (tmux pipe-pane) during an idle minute and per appended
#   point, against a full repaint of the same screen (Ctrl-L).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
BENCH="${SCALETOP_DASHBOARD_BENCH:-.build/release/DashboardBenchmark}"
RUNS="${BENCH_DASHBOARD_RUNS:-200}"
POINTS="${BENCH_DASHBOARD_POINTS:-100000}"
IDLE="${BENCH_IDLE_SECONDS:-60}"
APPENDS="${BENCH_APPENDS:-20}"
# Built every time unless given (a no-op when up to date): an old one would time old code.
[[ -n "${SCALETOP_DASHBOARD_BENCH:-}" ]] || swift build -c release --product DashboardBenchmark >&2

frame=$("$BENCH" "$RUNS" "$POINTS" 200 60)
# plotext draws every point (no decimation), so it is compared on a tenth of the points:
# both sides render the same 200 runs × 10,000 points.
REF_POINTS="${BENCH_REFERENCE_POINTS:-10000}"
small=$("$BENCH" "$RUNS" "$REF_POINTS" 200 60)
plotext="skipped"
# plotext 5.3 (the API the reference script uses; 6.x renamed everything).
python3 -c "import plotext, sys; sys.exit(not plotext.__version__.startswith('5.'))" 2>/dev/null \
  || python3 -m pip install --quiet 'plotext==5.3.2' >&2 2>/dev/null || true
if python3 -c "import plotext, sys; sys.exit(not plotext.__version__.startswith('5.'))" 2>/dev/null; then
  plotext=$(python3 bench/dashboard/plotext_frame.py "$RUNS" "$REF_POINTS")
fi

# Terminal bytes, through a real terminal.
work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
python3 bench/dashboard/make_study.py "$work/study" 20 2000
tmux -S "$sock" new-session -d -s bench -x 200 -y 60 "env LANG=C.UTF-8 TERM=xterm-256color '$BIN' watch '$work/study'"
sleep 10                                     # first frame, fits, settle
tmux -S "$sock" pipe-pane -t bench -o "cat >> '$work/idle.bytes'"
sleep "$IDLE"
tmux -S "$sock" pipe-pane -t bench
idle=$(stat -c %s "$work/idle.bytes" 2>/dev/null || echo 0)
tmux -S "$sock" pipe-pane -t bench -o "cat >> '$work/append.bytes'"
for k in $(seq 1 "$APPENDS"); do
  python3 - "$work/study/run03/metrics.jsonl" "$k" <<'PY'
import json, sys
path, k = sys.argv[1], int(sys.argv[2])
n, per_step = 1e7 * 10 ** 1.5, 20 * 1e7 * 10 ** 1.5 / 2000
s = 2000 + k
with open(path, "a") as f:
    f.write(json.dumps({"step": s, "loss": 1.8 + 400 / n ** 0.34 + 2000 / (s * per_step) ** 0.37}) + "\n")
PY
  sleep 1.5                                  # the point, then the refit it causes
done
tmux -S "$sock" pipe-pane -t bench
appended=$(stat -c %s "$work/append.bytes" 2>/dev/null || echo 0)
tmux -S "$sock" pipe-pane -t bench -o "cat >> '$work/repaint.bytes'"
tmux -S "$sock" send-keys -t bench C-l
sleep 2
tmux -S "$sock" pipe-pane -t bench
repaint=$(stat -c %s "$work/repaint.bytes" 2>/dev/null || echo 0)
tmux -S "$sock" send-keys -t bench q

python3 - "$frame" "$plotext" "$idle" "$IDLE" "$appended" "$APPENDS" "$repaint" "$small" <<'PY'
import json, sys
f = json.loads(sys.argv[1])
plotext, idle, idle_s, appended, appends, repaint = sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
small = json.loads(sys.argv[8])
study = f"{f['runs']} runs × {f['points_per_run']:,} points, {f['panels_shown']} panels at {f['width']}×{f['height']}"
steady = f["steady_frame_median_ms"]
print(f"| dashboard frame (steady, one point appended) | {steady:.2f} ms (p95 {f['steady_frame_p95_ms']:.2f}) | target 16 ms | {16 / steady:.1f}× under | {study} |")
print(f"| dashboard frame (first, cold cache) | {f['cold_frame_ms']:.0f} ms | | | every curve transformed and decimated once, at start |")
if plotext != "skipped":
    p = float(plotext) * 1000
    cold = small["cold_frame_ms"]
    print(f"| dashboard frame vs plotext, {small['runs']} runs × {small['points_per_run']:,} points | {cold:.0f} ms cold, {small['steady_frame_median_ms']:.2f} ms steady | plotext {p:.0f} ms | {p / cold:.0f}× (cold), {p / small['steady_frame_median_ms']:.0f}× (steady) | plotext redraws every point each frame |")
else:
    print("| dashboard frame vs plotext | | plotext 5.3 not installed | | pip install plotext==5.3.2 |")
print(f"| dashboard frame, smoothing + cursor | {f['smoothed_frame_median_ms']:.2f} ms | | | first smoothed frame {f['smoothed_cold_frame_ms']:.0f} ms |")
print(f"| dashboard memory | {f['store_bytes_per_point']:.1f} B/point stored + {f['cache_bytes_per_point']:.1f} B/point drawn cache | {f['resident_mib']:.0f} MiB resident | | fits took {f['fit_seconds']:.1f} s off the UI thread |")
per_point = appended / appends
print(f"| terminal bytes per appended point | {per_point:.0f} B | full repaint {repaint} B | {100 * per_point / max(1, repaint):.1f}% of a repaint | includes the refit's redraw; target < 500 B |")
print(f"| terminal bytes, idle {idle_s} s | {idle} B | | | target 0 |")
PY
