"""A large study on disk for the scale benchmark: RUNS runs of POINTS JSONL points each,
with scaletop.json metadata (parameters, tokens per step, planned tokens). One run in ten
has reached its plan (finished, so the fits have points); the rest are planned twice as
long as written (live, so appends and forecasts have work). Prints the total points.

    python3 make_study.py ROOT RUNS POINTS
"""
import json
import math
import os
import sys

root, runs, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
steps = range(1, points + 1)
for r in range(runs):
    n = 1e7 * 10 ** ((r % 9) / 4)                 # nine sizes, 1e7 … 1e9 parameters
    per_step = 20 * n / points
    finished = r % 10 == 0
    folder = os.path.join(root, f"r{r:05d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "scaletop.json"), "w") as f:
        json.dump({"parameters": n, "tokens_per_step": per_step,
                   "planned_tokens": (1 if finished else 2) * points * per_step}, f)
    a = 1.8 + 400 / n ** 0.34
    b = 2000 / per_step ** 0.37
    wobble = 0.002 * math.sin(r)
    with open(os.path.join(folder, "metrics.jsonl"), "w") as f:
        f.write("".join(f'{{"step": {s}, "loss": {a + b / s ** 0.37 + wobble:.6f}}}\n' for s in steps))
print(runs * points)
