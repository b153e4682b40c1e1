#!/usr/bin/env python3
"""Real held-out curves for the forecast benchmark: the OLMo ladder's validation losses on
sets the forecaster was never tuned on.

The forecaster's constants were chosen on the C4 curves in sample-runs/olmo-ladder (and on
the synthetic ``tune`` set). The same ladder evaluated every run on ten more held-out sets
(Pile, WikiText-103, Dolma books/CC/pes2o/reddit/stack/wiki, ICE, M2D2 S2ORC); their curves
differ in level, shape and noise. This script reads them from ../shared/data/olmo-ladder
(read in place: the data is never copied into the project) and writes each (run, set) as a
run folder scaletop reads, in a scratch folder the benchmark deletes afterwards.

Each validation set gets its own study folder, OUT_DIR/SET/RUN: the sets' losses sit at
different levels (and so have different irreducible losses), and `scaletop forecast DIR`
treats every run under DIR as one study, whose floor (Approach 3's E) bounds every forecast.
One folder per set keeps one set's floor from bounding another's forecasts.

Since issue #13's sixth round (rule v5 in tune.py) the ten sets are split in two by their
place in SETS, fixed before any candidate of that round was scored: the first, third, fifth,
seventh and ninth (Pile, Dolma books, Dolma pes2o, Dolma stack, ICE) join the tuning pool with
C4 (`--part tune`); the other five (WikiText-103, Dolma common crawl, Dolma reddit, Dolma wiki,
M2D2 S2ORC) stay held out (`--part heldout`, what the benchmark scores).

usage: olmo_heldout.py SHARED_DATA_DIR OUT_DIR [--part all|tune|heldout]
  (prints the sets written, one a line)
"""
import csv
import json
import os
import sys

SETS = ["pile", "wikitext_103", "dolma_books", "dolma_common-crawl", "dolma_pes2o", "dolma_reddit",
        "dolma_stack", "dolma_wiki", "ice", "m2d2_s2orc"]
SIZES = {"190M": 190354176, "370M": 371262464, "760M": 758220288, "1B": 1279395840, "3B": 3169537280}
PARTS = {"all": SETS, "tune": SETS[0::2], "heldout": SETS[1::2]}
LENGTHS = {"0.5xC": 0.5, "1xC": 1, "2xC": 2, "5xC": 5, "10xC": 10}


def main():
    shared, out = sys.argv[1], sys.argv[2]
    part = sys.argv[4] if len(sys.argv) == 5 and sys.argv[3] == "--part" else "all"
    if len(sys.argv) not in (3, 5) or part not in PARTS:
        sys.exit("usage: olmo_heldout.py SHARED_DATA_DIR OUT_DIR [--part all|tune|heldout]")
    sets = PARTS[part]
    folder = os.path.join(shared, "olmo-ladder", "ladder-runs")
    written = set()
    for size, n in SIZES.items():
        for length, multiple in LENGTHS.items():
            path = os.path.join(folder, f"{size}-{length}.csv")
            if not os.path.exists(path):
                continue
            with open(path, newline="") as f:
                rows = list(csv.DictReader(f))
            for name in sets:
                column = f"eval/{name}-validation/CrossEntropyLoss"
                if column not in rows[0]:
                    continue
                run = os.path.join(out, name, f"{size}-{length}")
                os.makedirs(run, exist_ok=True)
                with open(os.path.join(run, "metrics.jsonl"), "w") as f:
                    for r in rows:
                        f.write(json.dumps({"step": int(float(r["_step"])), "tokens": float(r["throughput/total_tokens"]),
                                            "loss": float(r[column]), "lr": float(r["optim/learning_rate_group0"])}) + "\n")
                with open(os.path.join(run, "scaletop.json"), "w") as f:
                    json.dump({"parameters": n, "planned_tokens": multiple * 20 * n, "family": "cosine",
                               "eval_set": name}, f)
                written.add(name)
    for name in sets:
        if name in written:
            print(name)


if __name__ == "__main__":
    main()
