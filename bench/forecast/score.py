#!/usr/bin/env python3
"""Scores `scaletop forecast --truncate F --format json` against the loss each run reached,
per schedule family, and prints benchmark table rows (bench/run.sh's format).

For every family and cut (25, 50, 75% of the run) it reports the median absolute error of
the forecast, the coverage of its 80% interval and the median half-width. The reference is
the naive forecast "the loss stays where it was at the cut" (the last observed loss),
measured on the same runs: the ratio column is forecast error / naive error.

usage: score.py LABEL RUNS_DIR JSON_DIR [--target] [--default-family NAME]
  JSON_DIR holds f-0.25.json, f-0.5.json, f-0.75.json. With --target, a family whose
  coverage leaves 70-90% at any cut is marked MISSED (and the exit status is 1).
"""
import argparse
import json
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
    ap.add_argument("runs")
    ap.add_argument("json_dir")
    ap.add_argument("--target", action="store_true")
    ap.add_argument("--default-family", default="other", help="family of runs whose sidecar names none")
    args = ap.parse_args()
    results = {}
    missing = 0
    for f in FRACTIONS:
        report = json.load(open(os.path.join(args.json_dir, f"f-{f}.json")))
        for row in report["runs"]:
            folder = os.path.join(args.runs, row["name"])
            if not os.path.isdir(folder):
                continue
            actual = row.get("actual_final_loss")
            fc = row.get("forecast")
            if actual is None:
                continue
            x, loss = curve(folder)
            cut = [l for xi, l in zip(x, loss) if xi <= float(f) * x[-1]]
            entry = results.setdefault(family(folder, args.default_family), {}).setdefault(f, {"err": [], "naive": [], "inside": [], "half": []})
            if fc is None or not cut:
                missing += 1
                continue
            lo, hi = fc["interval"]
            entry["err"].append(abs(fc["final_loss"] - actual))
            entry["naive"].append(abs(cut[-1] - actual))
            entry["inside"].append(lo <= actual <= hi)
            entry["half"].append((hi - lo) / 2)
    ok = True
    for fam in sorted(results):
        cells = results[fam]
        if not all(cells.get(f, {}).get("err") for f in FRACTIONS):
            continue
        err = [statistics.median(cells[f]["err"]) for f in FRACTIONS]
        naive = [statistics.median(cells[f]["naive"]) for f in FRACTIONS]
        cov = [sum(cells[f]["inside"]) / len(cells[f]["inside"]) for f in FRACTIONS]
        half = [statistics.median(cells[f]["half"]) for f in FRACTIONS]
        n = min(len(cells[f]["err"]) for f in FRACTIONS)
        met = all(0.70 <= c <= 0.90 for c in cov)
        ok &= met or not args.target
        slash = lambda v, fmt: "/".join(fmt.format(x) for x in v)
        verdict = (" · target 70–90%: " + ("met" if met else "MISSED")) if args.target else ""
        print(f"| forecast {args.label}: {fam} ({n} runs) | median abs error {slash(err, '{:.3f}')} nats at 25/50/75% "
              f"| last observed loss {slash(naive, '{:.3f}')} nats | {slash([e / v if v else float('nan') for e, v in zip(err, naive)], '{:.2f}')}× "
              f"| 80% interval coverage {slash([round(100 * c) for c in cov], '{}')}%, median half-width {slash(half, '{:.3f}')}{verdict} |")
    if missing:
        print(f"| forecast {args.label}: not forecast | {missing} (run, cut) pairs | | | too little of the curve before the cut |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
