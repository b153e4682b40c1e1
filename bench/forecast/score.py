#!/usr/bin/env python3
"""Scores `scaletop forecast --truncate F --format json` against the loss each run reached,
per schedule family, and prints benchmark table rows (bench/run.sh's format).

For every family and cut (25, 50, 75% of the run) it reports the median absolute error of
the forecast, the coverage of its 80% interval with its binomial standard error
sqrt(p(1-p)/n) (p the coverage measured, n the runs forecast in that cell) and the median
half-width. The reference is the naive forecast "the loss stays where it was at the cut"
(the last observed loss), measured on the same runs: the ratio column is forecast error /
naive error.

usage: score.py LABEL RUNS_DIR JSON_DIR [RUNS_DIR JSON_DIR ...] [--target] [--default-family NAME]
  Each JSON_DIR holds f-0.25.json, f-0.5.json, f-0.75.json: the forecasts of the runs in the
  RUNS_DIR before it (one study, forecast on its own). Several pairs are pooled into one row
  per family. With --target, a family whose coverage leaves 70-90% at any cut is marked
  MISSED (and the exit status is 1).
"""
import argparse
import json
import math
import os
import statistics
import sys

FRACTIONS = ["0.25", "0.5", "0.75"]


def curve(folder):
    """(x, loss) as scaletop reads the run: tokens when every point has them, else steps."""
    rows = [json.loads(line) for line in open(os.path.join(folder, "metrics.jsonl")) if line.strip()]
    rows = [r for r in rows if isinstance(r.get("loss"), (int, float)) and r["loss"] == r["loss"]]
    key = "tokens" if all("tokens" in r for r in rows) else "step"
    return [float(r[key]) for r in rows], [float(r["loss"]) for r in rows]


def family(folder, default):
    side = os.path.join(folder, "scaletop.json")
    if os.path.exists(side):
        fam = json.load(open(side)).get("family")
        if fam:
            return fam
    return default


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("label")
    ap.add_argument("pairs", nargs="+", metavar="RUNS_DIR JSON_DIR", help="a runs folder and the folder of its forecasts (repeatable)")
    ap.add_argument("--target", action="store_true")
    ap.add_argument("--default-family", default="other", help="family of runs whose sidecar names none")
    args = ap.parse_args()
    if len(args.pairs) % 2:
        ap.error("RUNS_DIR and JSON_DIR come in pairs")
    results = {}
    missing = 0
    for runs, json_dir in zip(args.pairs[::2], args.pairs[1::2]):
        missing += score_study(runs, json_dir, args.default_family, results)
    ok = True
    for fam in sorted(results):
        ok &= print_row(args.label, fam, results[fam], args.target)
    if missing:
        print(f"| forecast {args.label}: not forecast | {missing} (run, cut) pairs | | | too little of the curve before the cut |")
    return 0 if ok else 1


def score_study(runs, json_dir, default_family, results):
    """Adds one study's forecasts to `results` (family -> cut -> lists); returns how many
    (run, cut) pairs were not forecast."""
    missing = 0
    for f in FRACTIONS:
        report = json.load(open(os.path.join(json_dir, f"f-{f}.json")))
        for row in report["runs"]:
            folder = os.path.join(runs, row["name"])
            if not os.path.isdir(folder):
                continue
            actual = row.get("actual_final_loss")
            fc = row.get("forecast")
            if actual is None:
                continue
            x, loss = curve(folder)
            cut = [l for xi, l in zip(x, loss) if xi <= float(f) * x[-1]]
            entry = results.setdefault(family(folder, default_family), {}).setdefault(f, {"err": [], "naive": [], "inside": [], "half": []})
            if fc is None or not cut:
                missing += 1
                continue
            lo, hi = fc["interval"]
            entry["err"].append(abs(fc["final_loss"] - actual))
            entry["naive"].append(abs(cut[-1] - actual))
            entry["inside"].append(lo <= actual <= hi)
            entry["half"].append((hi - lo) / 2)
    return missing


def print_row(label, fam, cells, target):
    """One table row for a family; returns False when it is scored against the target and misses it."""
    if not all(cells.get(f, {}).get("err") for f in FRACTIONS):
        return True
    err = [statistics.median(cells[f]["err"]) for f in FRACTIONS]
    naive = [statistics.median(cells[f]["naive"]) for f in FRACTIONS]
    cov = [sum(cells[f]["inside"]) / len(cells[f]["inside"]) for f in FRACTIONS]
    se = [math.sqrt(c * (1 - c) / len(cells[f]["inside"])) for c, f in zip(cov, FRACTIONS)]
    half = [statistics.median(cells[f]["half"]) for f in FRACTIONS]
    n = min(len(cells[f]["err"]) for f in FRACTIONS)
    met = all(0.70 <= c <= 0.90 for c in cov)
    slash = lambda v, fmt: "/".join(fmt.format(x) for x in v)
    coverage = " / ".join(f"{100 * c:.1f}% ±{100 * e:.1f}" for c, e in zip(cov, se))
    verdict = (" · target 70–90%: " + ("met" if met else "MISSED")) if target else ""
    print(f"| forecast {label}: {fam} ({n} runs) | median abs error {slash(err, '{:.3f}')} nats at 25/50/75% "
          f"| last observed loss {slash(naive, '{:.3f}')} nats | {slash([e / v if v else float('nan') for e, v in zip(err, naive)], '{:.2f}')}× "
          f"| 80% interval coverage {coverage} (± binomial SE), median half-width {slash(half, '{:.3f}')}{verdict} |")
    return met or not target


if __name__ == "__main__":
    sys.exit(main())
