#!/usr/bin/env bash
# Approach 3 benchmark: scaletop vs scipy's L-BFGS-B on Epoch's 240 Chinchilla points.
# Both sides: the same 32-start subset of Hoffmann's grid, the same Huber objective
# (δ = 1e-3, summed, divided by δ for the optimiser), then 1000 bootstrap refits on the
# same resamples (SplitMix64, seed 1) warm-started at the full-data optimum.
# Prints rows of | benchmark | scaletop | reference | ratio | notes |.
# Ratios compare in-process times on both sides: scipy is timed inside Python (no interpreter
# start-up, no imports), scaletop by `fit --timing` (no process start-up, no CSV reading).
# The notes also give scaletop's whole-process wall time. scaletop runs its starts and
# refits on all online cores; scipy runs on one.
# `make bench` builds .build/release/scaletop first. Set BENCH_SAMPLES to change 1000, and
# BENCH_GRID=full for Hoffmann's 4500 starts instead of the 32-start subset.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
DATA="${SCALETOP_SHARED_DATA:-../shared/data}/chinchilla/svg_extracted_data.csv"
SAMPLES="${BENCH_SAMPLES:-1000}"
SEED=1
GRID="${BENCH_GRID:-subset}"
case "$GRID" in
  subset) GRID_FLAG=subset; STARTS=32 ;;
  full) GRID_FLAG=hoffmann; STARTS=4500 ;;
  *) echo "BENCH_GRID must be subset or full, not $GRID" >&2; exit 2 ;;
esac
if [[ ! -f "$DATA" ]]; then
  echo "| approach3 fit + bootstrap | skipped | skipped | — | needs $DATA (../shared/data is not bundled) |"
  exit 0
fi
if [[ ! -x "$BIN" ]]; then
  echo "| approach3 fit + bootstrap | skipped | skipped | — | $BIN missing: run make bench |"
  exit 0
fi
if ! "$BIN" fit --help >/dev/null 2>&1; then
  echo "| approach3 fit + bootstrap | skipped | skipped | — | $BIN has no fit subcommand (FitCommand not registered) |"
  exit 0
fi
now() { date +%s.%N; }
fit() {
  "$BIN" fit "$DATA" --method approach3 --params-column "Model Size" --flops-column "Training FLOP" \
    --drop-highest-losses 5 --grid "$GRID_FLAG" --seed "$SEED" --format json --timing "$@" 2> >(grep -v '^timing:' >&2)
}
# Warm-up run (page cache, dynamic loader) not timed.
fit --bootstrap 0 >/dev/null
t0=$(now); fit --bootstrap 0 > /tmp/scaletop-bench-fit.$$.json; t1=$(now)
fit --bootstrap "$SAMPLES" > /tmp/scaletop-bench-boot.$$.json; t2=$(now)
python3 bench/fit/approach3_scipy.py "$DATA" "$SAMPLES" "$SEED" "$GRID" > /tmp/scaletop-bench-ref.$$.json
python3 - "$t0" "$t1" "$t2" /tmp/scaletop-bench-fit.$$.json /tmp/scaletop-bench-boot.$$.json /tmp/scaletop-bench-ref.$$.json "$SAMPLES" "$STARTS" <<'PY'
import json, sys
t0, t1, t2 = map(float, sys.argv[1:4])
fit, boot, ref = (json.load(open(p)) for p in sys.argv[4:7])
samples, starts = int(sys.argv[7]), int(sys.argv[8])
# In-process: the fit alone, and the fit plus the bootstrap of the second run.
swift_fit = fit["timing"]["fit_seconds"]
swift_all = boot["timing"]["fit_seconds"] + boot["timing"]["bootstrap_seconds"]
whole_fit, whole_all = t1 - t0, t2 - t1
ref_fit, ref_all = ref["fit_seconds"], ref["seconds"]
dobj = abs(fit["objective"] - ref["objective"]) / ref["objective"]
se_s = boot.get("standard_errors", {})
se_r = ref.get("standard_errors", {})
ses = " ".join(f"{k} {se_s.get(k, float('nan')):.4f}/{se_r.get(k, float('nan')):.4f}" for k in ("alpha", "beta", "E", "a"))
def ms(s): return f"{s*1000:.1f} ms" if s < 0.01 else f"{s*1000:.0f} ms" if s < 1 else f"{s:.2f} s"
print(f"| approach3 fit, {starts} starts, {len(fit['residuals'])} points | {ms(swift_fit)} | {ms(ref_fit)} | {ref_fit/swift_fit:.1f}× | objective {fit['objective']:.12g} vs {ref['objective']:.12g} (Δ {dobj:.1e} relative); both in-process; scaletop whole process {ms(whole_fit)} ({ref_fit/whole_fit:.1f}×) |")
if samples > 0:
    print(f"| approach3 fit + {samples} bootstrap refits | {ms(swift_all)} | {ms(ref_all)} | {ref_all/swift_all:.1f}× | bootstrap SE scaletop/scipy: {ses}; both in-process; scaletop whole process {ms(whole_all)} ({ref_all/whole_all:.1f}×) |")
PY
rm -f /tmp/scaletop-bench-*.$$.json
