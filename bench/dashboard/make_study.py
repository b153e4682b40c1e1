"""A live study on disk for the terminal-bytes benchmark: RUNS runs of POINTS JSONL
points each, with scaletop.json metadata, planned twice as long as written so every
run is live. Prints nothing."""
import json
import os
import sys

root, runs, points = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for r in range(runs):
    n = 1e7 * 10 ** ((r % 5) / 2)
    per_step = 20 * n / points
    folder = os.path.join(root, f"run{r:02d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "scaletop.json"), "w") as f:
        json.dump({"parameters": n, "tokens_per_step": per_step, "planned_tokens": 2 * 20 * n}, f)
    with open(os.path.join(folder, "metrics.jsonl"), "w") as f:
        for s in range(1, points + 1):
            d = s * per_step
            f.write(json.dumps({"step": s, "loss": 1.8 + 400 / n ** 0.34 + 2000 / d ** 0.37}) + "\n")
