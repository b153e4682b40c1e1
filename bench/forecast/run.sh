#!/usr/bin/env bash
# Forecast benchmark (issue #6): cut each OLMo ladder run in sample-runs/olmo-ladder to the
# first 25%, 50% and 75% of its length, forecast its final loss with `scaletop forecast
# --truncate`, and compare with the loss it really reached.
# Reports, per fraction: the median absolute error, and the coverage of the 80% prediction
# intervals both raw and calibrated (--calibrate: split-conformal factor from the runs of the
# *other* model sizes, so no run calibrates its own interval). The reference column is the
# median gap between the final losses of adjacent model sizes at the same length: a forecast
# is useful when its error is well below it. Targets: coverage 70–90%, error at 50% below
# the adjacent-size gap.
# `make bench` builds .build/release/scaletop first; SCALETOP_BIN overrides it.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
RUNS=sample-runs/olmo-ladder
if [[ ! -x "$BIN" ]]; then
  echo "| forecast | skipped | skipped | — | $BIN missing: run make bench |"
  exit 0
fi
if ! "$BIN" forecast --help >/dev/null 2>&1; then
  echo "| forecast | skipped | skipped | — | $BIN has no forecast subcommand |"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in 0.25 0.5 0.75; do
  "$BIN" forecast "$RUNS" --truncate "$f" --format json > "$tmp/raw-$f.json"
  "$BIN" forecast "$RUNS" --truncate "$f" --calibrate --format json > "$tmp/cal-$f.json"
done
python3 - "$tmp" <<'PY'
import json, statistics, sys, re
tmp = sys.argv[1]
def load(kind, f):
    return json.load(open(f"{tmp}/{kind}-{f}.json"))["runs"]
# Adjacent-size gaps: final losses at the same length multiple, sizes ordered by N.
finals = {}
for r in load("raw", "0.5"):
    m = re.match(r"(.+)-([\d.]+xC)$", r["name"])
    if m and r["actual_final_loss"] is not None:
        finals.setdefault(m.group(2), []).append((r["parameters"], r["actual_final_loss"]))
gaps = []
for length, runs in finals.items():
    runs.sort()
    gaps += [abs(a[1] - b[1]) for a, b in zip(runs, runs[1:])]
gap = statistics.median(gaps)
ok = True
for f in ("0.25", "0.5", "0.75"):
    out = {}
    for kind in ("raw", "cal"):
        rows = [r for r in load(kind, f) if "forecast" in r]
        errs = [abs(r["forecast"]["final_loss"] - r["actual_final_loss"]) for r in rows]
        inside = [r["forecast"]["interval"][0] <= r["actual_final_loss"] <= r["forecast"]["interval"][1] for r in rows]
        out[kind] = (statistics.median(errs) if errs else float("nan"), sum(inside) / len(inside) if inside else float("nan"), len(rows))
        refused = len(load(kind, f)) - len(rows)
    err, cov_raw, n = out["raw"][0], out["raw"][1], out["raw"][2]
    cov = out["cal"][1]
    target = 0.70 <= cov <= 0.90 and (f != "0.5" or err < gap)
    ok &= target
    print(f"| forecast at {float(f):.0%} of each run, {n} OLMo runs | median abs error {err:.4f} nats | adjacent-size gap {gap:.3f} nats (median of {len(gaps)}) | {err/gap:.2f}× | 80% interval coverage {cov:.0%} calibrated ({cov_raw:.0%} raw); {refused} refused as too short; target coverage 70–90%{' and error < gap' if f == '0.5' else ''}: {'met' if target else 'MISSED'} |")
PY
