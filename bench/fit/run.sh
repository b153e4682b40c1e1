#!/usr/bin/env bash
# Approach 3 benchmark: scaletop vs scipy's L-BFGS-B on Epoch's 240 Chinchilla points.
# Both sides: the same 32-start subset of Hoffmann's grid, the same Huber objective
# (δ = 1e-3, summed, divided by δ for the optimiser), then 1000 bootstrap refits on the
# same resamples (SplitMix64, seed 1) warm-started at the full-data optimum.
# Prints rows of | benchmark | scaletop | reference | ratio | notes |.
# `make bench` builds .build/release/scaletop first. Set BENCH_SAMPLES to change 1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
DATA="${SCALETOP_SHARED_DATA:-../shared/data}/chinchilla/svg_extracted_data.csv"
SAMPLES="${BENCH_SAMPLES:-1000}"
SEED=1
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
    --drop-highest-losses 5 --grid subset --seed "$SEED" --format json "$@"
}
# Warm-up run (page cache, dynamic loader) not timed.
fit --bootstrap 0 >/dev/null
t0=$(now); fit --bootstrap 0 > /tmp/scaletop-bench-fit.$$.json; t1=$(now)
fit --bootstrap "$SAMPLES" > /tmp/scaletop-bench-boot.$$.json; t2=$(now)
python3 bench/fit/approach3_scipy.py "$DATA" "$SAMPLES" "$SEED" > /tmp/scaletop-bench-ref.$$.json
python3 - "$t0" "$t1" "$t2" /tmp/scaletop-bench-fit.$$.json /tmp/scaletop-bench-boot.$$.json /tmp/scaletop-bench-ref.$$.json "$SAMPLES" <<'PY'
import json, sys
t0, t1, t2 = map(float, sys.argv[1:4])
fit, boot, ref = (json.load(open(p)) for p in sys.argv[4:7])
samples = int(sys.argv[7])
swift_fit, swift_all = t1 - t0, t2 - t1
ref_fit, ref_all = ref["fit_seconds"], ref["seconds"]
dobj = abs(fit["objective"] - ref["objective"]) / ref["objective"]
def ms(s): return f"{s*1000:.0f} ms" if s < 1 else f"{s:.2f} s"
se_s = boot.get("standard_errors", {})
se_r = ref.get("standard_errors", {})
ses = " ".join(f"{k} {se_s.get(k, float('nan')):.4f}/{se_r.get(k, float('nan')):.4f}" for k in ("alpha", "beta", "E", "a"))
print(f"| approach3 fit, 32 starts, 240 points | {ms(swift_fit)} | {ms(ref_fit)} | {ref_fit/swift_fit:.1f}× | objective {fit['objective']:.9g} vs {ref['objective']:.9g} (Δ {dobj:.1e} relative); scaletop timed as a whole process |")
print(f"| approach3 fit + {samples} bootstrap refits | {ms(swift_all)} | {ms(ref_all)} | {ref_all/swift_all:.1f}× | bootstrap SE scaletop/scipy: {ses}; scipy timed inside Python (no start-up) |")
PY
rm -f /tmp/scaletop-bench-*.$$.json
