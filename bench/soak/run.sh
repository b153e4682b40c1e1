#!/usr/bin/env bash
# Soak: the dashboard (`scaletop watch` in tmux) and `scaletop runs` against writers that
# never stop, compared with the writers' own truth (bench/soak/writer.py): every point the
# files hold must be counted once — 0 lost, 0 duplicated — under the documented rule
# (README, "Rewritten, rotated and deleted logs").
#   churn: 100 runs, 10,000 lines/s in all, for 3 minutes, with restarts (steps rewind),
#          truncating restarts, logrotate-style rotation, and deletion and re-creation;
#   wide:  10,000 runs, one line per run per second (the dashboard's frames are slow at
#          this size, issue #16; here only its counts matter).
# The dashboard's count is read where a user reads it, from its status line
# (`N points`, through tmux capture-pane), after the writers stop; CPU and peak RSS come
# from /proc. The reference is the writer: its truth, and its own CPU time.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
# Absolute, because the dashboard runs in tmux from another folder; SCALETOP_BIN may be either.
case "$BIN" in /*) ;; *) BIN="$(pwd)/$BIN" ;; esac
CHURN_SECONDS="${BENCH_SOAK_SECONDS:-180}"
CHURN_RUNS="${BENCH_SOAK_RUNS:-100}"
CHURN_RATE="${BENCH_SOAK_RATE:-10000}"
WIDE_RUNS="${BENCH_SOAK_WIDE_RUNS:-10000}"
WIDE_SECONDS="${BENCH_SOAK_WIDE_SECONDS:-60}"
SETTLE="${BENCH_SOAK_SETTLE_SECONDS:-600}"
python=python3
[ -x .venv/bin/python3 ] && python=.venv/bin/python3
work=$(mktemp -d)
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT

cpu_seconds() {  # utime + stime of a process, in seconds
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}
peak_rss_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
shown_points() {  # the count on the dashboard's status line
  tmux -S "$sock" capture-pane -p -t "$1" | tail -1 | grep -o '[0-9,]* points' | head -1 | tr -d ', points'
}

soak() {  # name runs rate seconds [--churn]
  local name=$1 runs=$2 rate=$3 seconds=$4 churn=${5:-}
  local root="$work/$name"
  mkdir -p "$root"
  tmux -S "$sock" new-session -d -s "$name" -x 200 -y 50 \
    "env LANG=C.UTF-8 TERM=xterm-256color '$BIN' watch '$root'"
  sleep 2
  local pid; pid=$(tmux -S "$sock" list-panes -t "$name" -F '#{pane_pid}')
  local cpu0; cpu0=$(cpu_seconds "$pid")
  "$python" bench/soak/writer.py "$root" "$runs" "$rate" "$seconds" "$work/$name.truth.json" $churn
  local truth; truth=$("$python" -c "import json,sys; print(json.load(open(sys.argv[1]))['points'])" "$work/$name.truth.json")
  # Wait for the dashboard to show every point (or to settle on another count).
  local shown="" last="" stable=0 waited=0
  while [ "$waited" -lt "$SETTLE" ]; do
    sleep 5; waited=$((waited + 5))
    shown=$(shown_points "$name")
    [ "$shown" = "$truth" ] && break
    if [ -n "$shown" ] && [ "$shown" = "$last" ]; then stable=$((stable + 1)); else stable=0; fi
    [ "$stable" -ge 12 ] && break            # unchanged for a minute: that is its answer
    last=$shown
  done
  local cpu1; cpu1=$(cpu_seconds "$pid")
  local rss; rss=$(peak_rss_mib "$pid")
  local problems; problems=$(tmux -S "$sock" capture-pane -p -t "$name" | tail -1 | grep -o '[0-9,]* parse error' | tr -d ', parse error' || true)
  local status_line; status_line=$(tmux -S "$sock" capture-pane -p -t "$name" | tail -1 | sed 's/  */ /g')
  tmux -S "$sock" send-keys -t "$name" q
  # `scaletop runs` on the same files, run by run.
  local t0 t1
  t0=$(date +%s.%N)
  "$BIN" runs "$root" --format json > "$work/$name.runs.json"
  t1=$(date +%s.%N)
  "$python" - "$name" "$work/$name.truth.json" "$work/$name.runs.json" "${shown:-0}" "$cpu0" "$cpu1" "$rss" \
    "$(echo "$t1 - $t0" | bc)" "${problems:-?}" "$status_line" <<'PY'
import json, sys
name, truth_path, runs_path, shown, cpu0, cpu1, rss, runs_seconds, problems, status_line = sys.argv[1:]
truth = json.load(open(truth_path))
listed = {r["id"]: r["points"] for r in json.load(open(runs_path))["runs"]}
want = truth["runs"]
shown = int(shown or 0)
lost = max(0, truth["points"] - shown)
duplicated = max(0, shown - truth["points"])
wrong_runs = sum(1 for k, v in want.items() if listed.get(k) != v) + sum(1 for k in listed if k not in want)
runs_total = sum(listed.values())
rate = truth["lines"] / truth["seconds"]
cpu = float(cpu1) - float(cpu0)
events = ", ".join(f"{v} {k}s" for k, v in truth["events"].items() if v) or "no churn"
print(f"| soak {name}: {len(want):,} runs, {rate:,.0f} lines/s for {truth['seconds']:.0f} s ({events}) "
      f"| dashboard {shown:,} of {truth['points']:,} points: {lost:,} lost, {duplicated:,} duplicated; "
      f"runs {runs_total:,} points, {wrong_runs} runs differ | writer truth {truth['points']:,} points "
      f"({truth['lines']:,} lines), writer CPU {truth['cpu_seconds']:.0f} s "
      f"| dashboard CPU {cpu:.0f} s = {cpu / truth['cpu_seconds']:.1f}× the writer's; peak RSS {rss} MiB "
      f"| runs read it in {float(runs_seconds):.1f} s; status line: {status_line[:160]} |")
PY
}

soak churn "$CHURN_RUNS" "$CHURN_RATE" "$CHURN_SECONDS" --churn
soak wide "$WIDE_RUNS" "$WIDE_RUNS" "$WIDE_SECONDS"
