"""Reference for the frame benchmark: plotext (the Python terminal plotting library
peers.md names) drawing the same study, 200 runs × 100,000 points on a 200×60 canvas,
log-log. Prints the seconds one frame took (build + render to a string)."""
import random
import sys
import time

import plotext as plt

runs, points = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(42)
series = []
for r in range(runs):
    n = 1e7 * 10 ** ((r % 10) / 3)
    planned = 20 * n * 2 ** ((r // 10) / 4)
    per_step = planned / points
    xs = [s * per_step for s in range(1, points + 1)]
    ys = [(1.8 + 400 / n ** 0.34 + 2000 / x ** 0.37) * (1 + 0.02 * (rng.random() - 0.5)) for x in xs]
    series.append((xs, ys))
start = time.perf_counter()
plt.clear_figure()
plt.plotsize(200, 60)
plt.xscale("log")
plt.yscale("log")
for xs, ys in series:
    plt.plot(xs, ys)
text = plt.build()
print(time.perf_counter() - start)
