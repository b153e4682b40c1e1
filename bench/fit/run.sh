#!/usr/bin/env bash
# Approach 3 benchmark: scaletop vs scipy's L-BFGS-B.
# Rows:
#  1. Epoch's 240 Chinchilla points, the 32-start subset of Hoffmann's grid;
#  2. the same plus 1000 bootstrap refits on the same resamples (SplitMix64, seed 1),
#     warm-started at the full-data optimum: the standard errors and 95% intervals of both
#     sides must agree (to 1e-3 relative), which they do only if every replicate reached the
#     same optimum on both sides;
#  3. Epoch's 240 points with Hoffmann's full 4500-start grid;
#  4. a 2,000-point study drawn from the published Chinchilla law with 1% noise
#     (synthetic_study.py), full grid.
# Both sides minimise the same Huber objective (δ = 1e-3, summed, divided by δ).
# For the full grid scipy would take minutes (about 10-40 ms per start), so it runs every
# 45th start (100 of 4500) and its time is scaled by 45 ("est."); scaletop's optimum must be
# at least as low as the best scipy finds from those starts (Δ ≤ 1e-9 relative, "agrees";
# "lower" when scaletop's is lower).
# Ratios compare in-process times on both sides: scipy is timed inside Python (no interpreter
# start-up, no imports), scaletop by `fit --timing` (no process start-up, no CSV reading).
# The notes also give scaletop's whole-process wall time. scaletop runs its starts and
# refits on all online cores; scipy runs on one.
# `make bench` times the installed (static) build, SCALETOP_BIN; run alone, .build/release/scaletop.
# Set BENCH_SAMPLES to change 1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
DATA="${SCALETOP_SHARED_DATA:-../shared/data}/chinchilla/svg_extracted_data.csv"
SAMPLES="${BENCH_SAMPLES:-1000}"
SEED=1
EVERY=45
if [[ ! -x "$BIN" ]]; then
  echo "| approach3 fit + bootstrap | skipped | skipped | — | $BIN missing: run make bench |"
  exit 0
fi
if ! "$BIN" fit --help >/dev/null 2>&1; then
  echo "| approach3 fit + bootstrap | skipped | skipped | — | $BIN has no fit subcommand (FitCommand not registered) |"
  exit 0
fi
TMP=$(mktemp -d /tmp/scaletop-bench-fit.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
SYNTH="$TMP/chinchilla-law-2000.csv"
python3 bench/fit/synthetic_study.py "$SYNTH" 2000 1

now() { date +%s.%N; }
# fit CSV DROP GRID [args…]
fit() {
  local csv=$1 drop=$2 grid=$3; shift 3
  "$BIN" fit "$csv" --method approach3 --params-column "Model Size" --flops-column "Training FLOP" \
    --drop-highest-losses "$drop" --grid "$grid" --seed "$SEED" --format json --timing "$@" 2> >(grep -v '^timing:' >&2)
}
# row KIND LABEL CSV DROP GRID SCIPY_GRID SAMPLES: times both sides and prints one table row.
row() {
  local kind=$1 label=$2 csv=$3 drop=$4 grid=$5 ref_grid=$6 samples=$7
  fit "$csv" "$drop" "$grid" --bootstrap 0 >/dev/null   # warm-up (page cache, loader), not timed
  local t0 t1
  t0=$(now); fit "$csv" "$drop" "$grid" --bootstrap "$samples" > "$TMP/swift.json"; t1=$(now)
  python3 bench/fit/approach3_scipy.py "$csv" "$samples" "$SEED" "$ref_grid" "$drop" > "$TMP/ref.json"
  python3 - "$kind" "$label" "$t0" "$t1" "$TMP/swift.json" "$TMP/ref.json" "$samples" "$EVERY" <<'PY'
import json, sys
kind, label = sys.argv[1], sys.argv[2]
t0, t1 = map(float, sys.argv[3:5])
swift, ref = (json.load(open(p)) for p in sys.argv[5:7])
samples, every = int(sys.argv[7]), int(sys.argv[8])
timing = swift["timing"]
ours = timing["fit_seconds"] + timing.get("bootstrap_seconds", 0)
whole = t1 - t0
theirs = ref["seconds"]
scale = every if kind == "sampled" else 1
theirs_note = "" if scale == 1 else f" est. ({ref['starts']} starts × {every})"
theirs *= scale
def ms(s): return f"{s*1000:.1f} ms" if s < 0.01 else f"{s*1000:.0f} ms" if s < 1 else f"{s:.2f} s"
ds = swift["objective"] - ref["objective"]
rel = ds / ref["objective"]
if kind == "sampled":
    verdict = "agrees" if abs(rel) <= 1e-9 else "lower" if rel < 0 else "HIGHER: MISSED THE OPTIMUM"
else:
    verdict = "agrees" if abs(rel) <= 1e-9 else "DIFFERS"
notes = [f"objective {swift['objective']:.12g} vs {ref['objective']:.12g} (Δ {rel:.1e} relative, {verdict})"]
if samples > 0:
    worst = 0.0
    for k in ("alpha", "beta", "E", "a"):
        s_se, r_se = swift["standard_errors"][k], ref["standard_errors"][k]
        worst = max(worst, abs(s_se - r_se) / r_se)
        for s_end, r_end in zip(swift["intervals"][k], ref["intervals"][k]):
            worst = max(worst, abs(s_end - r_end) / abs(r_end))
    ses = " ".join(f"{k} {swift['standard_errors'][k]:.4f}/{ref['standard_errors'][k]:.4f}" for k in ("alpha", "beta", "E", "a"))
    notes.append(f"bootstrap SE scaletop/scipy: {ses}; SEs and 95% intervals within {worst:.1e} relative "
                 f"({'agree' if worst <= 1e-3 else 'DISAGREE'})")
notes.append(f"scaletop {swift['diagnostics']['starts']} starts optimised; both in-process; scaletop whole process {ms(whole)} ({theirs/whole:.1f}×)")
print(f"| {label} | {ms(ours)} | {ms(theirs)}{theirs_note} | {theirs/ours:.1f}× | {'; '.join(notes)} |")
PY
}

if [[ -f "$DATA" ]]; then
  row exact "approach3 fit, 32 starts, 240 points" "$DATA" 5 subset subset 0
  (( SAMPLES > 0 )) && row exact "approach3 fit, 32 starts + $SAMPLES bootstrap refits, 240 points" "$DATA" 5 subset subset "$SAMPLES"
  row sampled "approach3 fit, Hoffmann grid 4500 starts, 240 points" "$DATA" 5 hoffmann "every:$EVERY" 0
else
  echo "| approach3 on Epoch's points | skipped | skipped | — | needs $DATA (../shared/data is not bundled) |"
fi
row sampled "approach3 fit, Hoffmann grid 4500 starts, 2000 synthetic points" "$SYNTH" 0 hoffmann "every:$EVERY" 0
