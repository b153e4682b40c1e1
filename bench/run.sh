#!/usr/bin/env bash
# Run every benchmark (bench/*/run.sh) and print one table. Each benchmark measures
# scaletop against a reference in the same run, because the machine is shared and noisy:
# read the ratio column, not the bare times.
set -uo pipefail
cd "$(dirname "$0")/.."
echo "| benchmark | scaletop | reference | ratio | notes |"
echo "|---|---|---|---|---|"
status=0
for script in bench/*/run.sh; do
  [ -f "$script" ] || continue
  bash "$script" || { echo "| $(basename "$(dirname "$script")") | exit status not 0 | | | a target missed (its rows above say which) or a step failed (stderr) |"; status=1; }
done
exit $status
