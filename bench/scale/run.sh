#!/usr/bin/env bash
# The dashboard at scale, end to end: `scaletop watch` in tmux on a large study, read where
# a user reads it (the screen, through capture-pane), against `scaletop runs` reading the
# same files in the same run (the reference for loading).
#   wide: 10,000 runs × 1,000 points; long: 1,000 runs × 100,000 points.
# For each: seconds to the first frame and until every point is on the status line (ratio to
# `scaletop runs`), peak RSS per point; then, once loaded and idle, APPENDS single lines
# appended to live runs one at a time: the CPU each costs the dashboard (everything it does
# because of it, the debounced refit included; the mean, as the kernel counts CPU in 10 ms
# ticks) and the time until the status line counts it (p50 and max, polled every 10 ms).
# Set BENCH_SCALE=wide (or long) to run one; BENCH_SCALE_RUNS/POINTS to change the sizes.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
APPENDS="${BENCH_APPENDS:-10}"
work=$(mktemp -d /tmp/scaletop-scale.XXXXXX)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
peak_rss_kib() { awk '/VmHWM/ { print $2 }' "/proc/$1/status"; }
status_points() {  # the point count on the dashboard's status line, or nothing
  tmux -S "$sock" capture-pane -p -t "$1" 2>/dev/null | tail -1 | grep -o '[0-9,]* points' | head -1 | tr -d ', points' || true
}
screen_chars() { tmux -S "$sock" capture-pane -p -t "$1" 2>/dev/null | tr -d ' \n' | wc -c; }
now() { date +%s.%N; }
wait_idle() {  # until the process used < 10 ms of CPU in 1 s (at most $2 seconds)
  local pid=$1 limit=$2 waited=0 a b
  while [ "$waited" -lt "$limit" ]; do
    a=$(cpu_seconds "$pid"); sleep 1; b=$(cpu_seconds "$pid"); waited=$((waited + 1))
    python3 -c "import sys; sys.exit(0 if float(sys.argv[2]) - float(sys.argv[1]) < 0.01 else 1)" "$a" "$b" && return 0
  done
  return 0
}

scale() {  # name runs points
  local name=$1 runs=$2 points=$3 root="$work/$1"
  local total; total=$(python3 bench/scale/make_study.py "$root" "$runs" "$points")
  cat "$root"/*/metrics.jsonl > /dev/null          # page cache warm for both sides
  local r0 r1; r0=$(now); "$BIN" runs "$root" --format json > /dev/null; r1=$(now)
  local t0; t0=$(now)
  tmux -S "$sock" new-session -d -s "$name" -x 200 -y 50 "env LANG=C.UTF-8 TERM=xterm-256color '$BIN' watch '$root'"
  local first="" loaded="" shown start=$SECONDS
  # The wait costs the machine little: a Python start-up per poll (the old timeout check)
  # took a good part of a core from the dashboard, which `scaletop runs` never competed with.
  while :; do
    if [ -z "$first" ] && [ "$(screen_chars "$name")" -gt 0 ]; then first=$(now); fi
    shown=$(status_points "$name")
    if [ "$shown" = "$total" ]; then loaded=$(now); [ -n "$first" ] || first=$loaded; break; fi
    [ $((SECONDS - start)) -gt 1800 ] && break
    # Finely until the first frame (its target is 1 s), then every 0.1 s (loads take seconds).
    if [ -z "$first" ]; then sleep 0.02; else sleep 0.1; fi
  done
  local pid; pid=$(tmux -S "$sock" list-panes -t "$name" -F '#{pane_pid}')
  wait_idle "$pid" 300
  local rss; rss=$(peak_rss_kib "$pid")
  # Appends, one at a time, to live runs (the ones not a multiple of ten).
  local lat="" cpus="" k
  for k in $(seq 1 "$APPENDS"); do
    local run=$(( (k * 7919) % runs )); [ $((run % 10)) -eq 0 ] && run=$((run + 1))
    local file; file=$(printf '%s/r%05d/metrics.jsonl' "$root" "$run")
    local before; before=$(status_points "$name")
    # The run's own curve continued (make_study.py's law), so the line moves no fit but its own.
    python3 -c "import math, sys; r, s, p = map(int, sys.argv[1:]); n = 1e7 * 10 ** ((r % 9) / 4); per = 20 * n / p
print('{\"step\": %d, \"loss\": %.6f}' % (s, 1.8 + 400 / n ** 0.34 + 2000 / per ** 0.37 / s ** 0.37 + 0.002 * math.sin(r)))" \
      "$run" $((points + k)) "$points" > "$work/line"
    local c0; c0=$(cpu_seconds "$pid")
    local a0; a0=$(now)
    cat "$work/line" >> "$file"
    local seen=""
    for _ in $(seq 1 1000); do
      [ "$(status_points "$name")" != "$before" ] && { seen=$(now); break; }
      sleep 0.01
    done
    wait_idle "$pid" 60
    local c1; c1=$(cpu_seconds "$pid")
    lat="$lat $(echo "${seen:-$(now)} - $a0" | bc)"
    cpus="$cpus $(echo "$c1 - $c0" | bc)"          # the idle second wait_idle saw adds under 10 ms
  done
  # `q` must give the terminal back at once, even with a fit running.
  local q0; q0=$(now)
  tmux -S "$sock" send-keys -t "$name" q
  # Gone, or a zombie tmux has not reaped yet (it has exited: the terminal is back).
  for _ in $(seq 1 500); do
    [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || echo Z)" = Z ] && break
    sleep 0.01
  done
  local quit; quit=$(echo "$(now) - $q0" | bc)
  kill -9 "$pid" 2>/dev/null || true
  python3 - "$name" "$runs" "$points" "$(echo "$first - $t0" | bc)" "$(echo "${loaded:-$(now)} - $t0" | bc)" \
    "$(echo "$r1 - $r0" | bc)" "$rss" "$lat" "$cpus" "$quit" "${loaded:+yes}" <<'PY'
import statistics, sys
name, runs, points, first, loaded, ref, rss, lat, cpus, quit, done = (sys.argv[1:] + [""])[:11]
runs, points, first, loaded, ref, rss = int(runs), int(points), float(first), float(loaded), float(ref), int(rss)
lat = sorted(float(x) for x in lat.split())
cpus = sorted(max(0.0, float(x)) for x in cpus.split())
p50 = statistics.median(lat) * 1000 if lat else float("nan")
# The kernel counts CPU time in clock ticks (10 ms), so one append's figure is 0, 10 or 20 ms
# and their median says little; the mean over all of them resolves a millisecond.
cpu = statistics.mean(cpus) * 1000 if cpus else float("nan")
state = "" if done else " (not all points shown within 30 min)"
print(f"| scale {name}: {runs:,} runs × {points:,} points, watch | first frame {first:.2f} s, all loaded {loaded:.1f} s{state}; "
      f"per append {cpu:.0f} ms CPU (mean of {len(cpus)}), on screen p50 {p50:.0f} ms, max {lat[-1] * 1000:.0f} ms; "
      f"peak RSS {rss / 1024:.0f} MiB = {rss * 1024 / (runs * points):.0f} B/point; q quits in {float(quit):.2f} s "
      f"| `scaletop runs` {ref:.1f} s | loaded {loaded / ref:.2f}× runs | targets: first frame ≤ 1 s, loaded ≤ 2× runs, ≤ 20 ms CPU and p50 ≤ 100 ms per append |")
PY
}

case "${BENCH_SCALE:-both}" in
  wide) scale wide "${BENCH_SCALE_RUNS:-10000}" "${BENCH_SCALE_POINTS:-1000}" ;;
  long) scale long "${BENCH_SCALE_RUNS:-1000}" "${BENCH_SCALE_POINTS:-100000}" ;;
  *) scale wide 10000 1000; scale long 1000 100000 ;;
esac
