#!/usr/bin/env bash
# Forecast benchmark (issues #6, #13): cut runs at 25, 50 and 75% of their length, forecast
# their final loss with `scaletop forecast --truncate F`, and compare with the loss they
# really reached, per learning-rate schedule family. Columns: the forecast's median absolute
# error; the reference, the naive forecast "the loss stays where it was at the cut", on the
# same runs; their ratio; the coverage of the 80% intervals (target 70–90% in every family
# at every cut) and their median half-width.
#
# Tuning and scoring data are kept apart (make_curves.py says how):
#   held-out synthetic  curves from the multi-power law (Luo et al. 2025), 5 families × 60,
#                       never used to choose anything; with the planned schedule in the
#                       sidecar (scored against the target), and again without it (only the
#                       logged rates: intervals widened to cover a cooldown, reported only)
#   held-out real       the OLMo ladder's 10 other validation sets (Pile, WikiText, Dolma…),
#                       read from ../shared/data (never copied), cosine schedule; target
#   tuning set          curves from Tissue et al.'s law and the OLMo C4 curves in
#                       sample-runs, which the forecaster's constants were chosen on (reported
#                       for reference, not against the target)
# `make bench` builds .build/release/scaletop first; SCALETOP_BIN overrides it.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${SCALETOP_BIN:-.build/release/scaletop}"
SHARED="${SCALETOP_SHARED_DATA:-../shared/data}"
if [[ ! -x "$BIN" ]]; then
  echo "| forecast | skipped | skipped | — | $BIN missing: run make bench |"
  exit 0
fi
PY=python3
[[ -x .venv/bin/python3 ]] && PY=.venv/bin/python3
if ! "$PY" -c "import numpy" 2>/dev/null; then
  echo "| forecast | skipped | skipped | — | python3 has no numpy (make_curves.py needs it) |"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_set() {  # label runs-dir [--target]
  local label=$1 runs=$2 target=${3:-} family=${4:-other}
  mkdir -p "$tmp/json/$label"
  for f in 0.25 0.5 0.75; do
    "$BIN" forecast "$runs" --truncate "$f" --curve-points 2 --format json > "$tmp/json/$label/f-$f.json" 2>/dev/null
  done
  "$PY" bench/forecast/score.py "$label" "$runs" "$tmp/json/$label" --default-family "$family" $target
}

status=0
"$PY" bench/forecast/make_curves.py "$tmp/score" --set score --per-family 60
"$PY" bench/forecast/make_curves.py "$tmp/score-unplanned" --set score --per-family 60 --no-schedule
"$PY" bench/forecast/make_curves.py "$tmp/tune" --set tune --per-family 24
run_set "held-out synthetic, schedule planned" "$tmp/score" --target || status=1
run_set "held-out synthetic, schedule not in config" "$tmp/score-unplanned"
if [[ -d "$SHARED/olmo-ladder" ]]; then
  mkdir -p "$tmp/olmo"
  "$PY" bench/forecast/olmo_heldout.py "$SHARED" "$tmp/olmo" > /dev/null
  run_set "held-out real (OLMo ladder, 10 other validation sets)" "$tmp/olmo" --target || status=1
else
  echo "| forecast held-out real | skipped | skipped | — | $SHARED/olmo-ladder missing |"
fi
run_set "tuning set (synthetic)" "$tmp/tune"
run_set "tuning set (OLMo C4, sample-runs)" sample-runs/olmo-ladder "" cosine
exit $status
