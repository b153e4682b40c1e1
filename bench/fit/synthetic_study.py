#!/usr/bin/env python3
"""A ~2,000-point Approach 3 study for `make bench`, drawn from the published Chinchilla law.

L(N, D) = E + A/N^alpha + B/D^beta with Hoffmann et al.'s fitted values (E 1.69, A 406.4,
B 410.7, alpha 0.34, beta 0.28), times log-normal noise of 1% (about the seed-to-seed spread of
final losses). The design mimics an IsoFLOP study: 40 budgets log-spaced over 1e18-1e22 FLOPs,
50 model sizes per budget log-spaced over 1/10x-10x the law's N_opt at that budget.
Same columns as Epoch's CSV ("Model Size", "Training FLOP", "loss"), so the benchmark reads
both with the same flags. Seeded: the same file every run.

usage: synthetic_study.py OUT.csv [POINTS] [SEED]
"""
import csv
import sys

import numpy as np

E, A, B, ALPHA, BETA = 1.69, 406.4, 410.7, 0.34, 0.28
SIGMA = 0.01


def main():
    out = sys.argv[1]
    points = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = np.random.default_rng(seed)
    budgets = 40
    per_budget = max(1, points // budgets)
    # Compute-optimal N for C = 6ND: N_opt = G (C/6)^(beta/(alpha+beta)).
    g = (ALPHA * A / (BETA * B)) ** (1 / (ALPHA + BETA))
    a = BETA / (ALPHA + BETA)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Model Size", "Training FLOP", "loss"])
        for c in np.logspace(18, 22, budgets):
            n_opt = g * (c / 6) ** a
            for n in n_opt * np.logspace(-1, 1, per_budget):
                d = c / (6 * n)
                loss = (E + A / n ** ALPHA + B / d ** BETA) * np.exp(rng.normal(0, SIGMA))
                w.writerow([repr(float(n)), repr(float(c)), repr(float(loss))])


if __name__ == "__main__":
    main()
