#!/usr/bin/env python3
"""Reference for `make bench`: Chinchilla Approach 3 with scipy's L-BFGS-B.

The same problem as `scaletop fit --method approach3 --grid subset --bootstrap N --seed S`:
  * Epoch's 240 points (svg_extracted_data.csv, D = C/(6N), 5 highest losses dropped);
  * objective sum_i Huber_delta(LSE(a - alpha log N, b - beta log D, e) - log L), delta = 1e-3,
    divided by delta for the optimiser (methods.md 9.2), analytic gradient;
  * the same 32-start subset of Hoffmann's grid, best admissible result (0 < alpha, beta < 3),
    then a re-run from the answer;
  * N bootstrap refits, warm-started at the full-data optimum, on the SAME resamples as
    scaletop: SplitMix64 streams and Lemire's bounded draw are reproduced below.
Prints one JSON object: objective, parameters, seconds (fit + bootstrap), bootstrap SEs.

usage: approach3_scipy.py CSV SAMPLES SEED [GRID [DROP]]
  GRID: subset (32 starts), full (Hoffmann's 4500), or every:K (every K-th start of the full
  grid, for timing a sample of it when the whole grid would take minutes in scipy);
  DROP: how many of the highest losses to drop (5, Epoch's cleaning; 0 for synthetic data).
"""
import json
import os
import sys
import time

# One BLAS thread, as scaletop pins OpenBLAS to one (BLASThreading.swift). L-BFGS-B's tiny
# BLAS calls gain nothing from threads, and on a loaded machine OpenBLAS's spinning workers
# made scipy up to 10x slower, which would flatter scaletop. Set before numpy loads OpenBLAS.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np
from scipy.optimize import minimize

DELTA = 1e-3
MASK = (1 << 64) - 1


def load(path, drop=5):
    import csv
    rows = list(csv.DictReader(open(path, newline="")))
    n = np.array([float(r["Model Size"]) for r in rows])
    c = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    # Drop the highest losses (scaletop --drop-highest-losses DROP).
    keep = np.ones(len(loss), bool)
    keep[np.argsort(-loss, kind="stable")[:drop]] = False
    n, c, loss = n[keep], c[keep], loss[keep]
    return np.log(n), np.log(c / (6 * n)), np.log(loss)


def objective(theta, ln, ld, ll, w):
    a, b, e, alpha, beta = theta
    x1 = a - alpha * ln
    x2 = b - beta * ld
    x3 = np.full_like(x1, e)
    m = np.maximum(np.maximum(x1, x2), x3)
    t1, t2, t3 = np.exp(x1 - m), np.exp(x2 - m), np.exp(x3 - m)
    s = t1 + t2 + t3
    r = m + np.log(s) - ll
    small = np.abs(r) <= DELTA
    h = np.where(small, 0.5 * r * r, DELTA * (np.abs(r) - 0.5 * DELTA))
    psi = w * np.clip(r, -DELTA, DELTA)
    p1, p2, p3 = psi * t1 / s, psi * t2 / s, psi * t3 / s
    grad = np.array([p1.sum(), p2.sum(), p3.sum(), -(p1 * ln).sum(), -(p2 * ld).sum()])
    return (w * h).sum() / DELTA, grad / DELTA


OPTIONS = dict(maxcor=10, ftol=1e-15, gtol=1e-10, maxiter=2000, maxfun=20000)


def solve(start, args):
    res = minimize(objective, np.array(start, float), args=args, jac=True, method="L-BFGS-B", options=OPTIONS)
    return res


def admissible(x):
    return np.all(np.isfinite(x)) and 0 < x[3] < 3 and 0 < x[4] < 3


def best_of(starts, args):
    best = None
    for s in starts:
        r = solve(s, args)
        if np.isfinite(r.fun) and admissible(r.x) and (best is None or r.fun < best.fun):
            best = r
    return best


SUBSET = [[a, b, e, al, be] for a in (5, 10) for b in (5, 10) for e in (-1, 0.5) for al in (0.5, 1) for be in (0.5, 1)]
FULL = [[a, b, e, al, be] for a in range(0, 30, 5) for b in range(0, 30, 5)
        for e in (-1, -0.5, 0, 0.5, 1) for al in (0, 0.5, 1, 1.5, 2) for be in (0, 0.5, 1, 1.5, 2)]


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def index_below(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            product = self.next() * bound
            if (product & MASK) >= threshold:
                return product >> 64


def stream_seed(seed, k):
    return SplitMix64(seed ^ ((k * 0xD1B54A32D192ED03) & MASK)).next()


def main():
    path, samples, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    name = sys.argv[4] if len(sys.argv) > 4 else "subset"
    if name.startswith("every:"):
        grid = FULL[::int(name.split(":")[1])]
    else:
        grid = {"full": FULL, "subset": SUBSET}[name]
    drop = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    ln, ld, ll = load(path, drop)
    n = len(ll)
    t0 = time.perf_counter()
    args = (ln, ld, ll, np.ones(n))
    best = best_of(grid, args)
    again = solve(best.x, args)
    if again.fun <= best.fun and admissible(again.x):
        best = again
    t_fit = time.perf_counter() - t0
    reps = []
    for k in range(samples):
        rng = SplitMix64(stream_seed(seed, k))
        w = np.zeros(n)
        for _ in range(n):
            w[rng.index_below(n)] += 1
        r = best_of([best.x], (ln, ld, ll, w))
        if r is not None:
            a, b, e, al, be = r.x
            reps.append([np.exp(e), np.exp(a), np.exp(b), al, be, be / (al + be)])
    t_total = time.perf_counter() - t0
    reps = np.array(reps)
    names = ["E", "A", "B", "alpha", "beta", "a"]
    se = dict(zip(names, reps.std(axis=0, ddof=1).tolist())) if len(reps) > 1 else {}
    # 95% percentile intervals, type 7 (numpy's default, as scaletop's Percentile).
    intervals = {k: np.percentile(reps[:, j], [2.5, 97.5]).tolist() for j, k in enumerate(names)} if len(reps) > 1 else {}
    a, b, e, al, be = best.x
    print(json.dumps({
        "objective": float(best.fun * DELTA),
        "parameters": {"E": float(np.exp(e)), "A": float(np.exp(a)), "B": float(np.exp(b)), "alpha": float(al), "beta": float(be)},
        "starts": len(grid), "fit_seconds": t_fit, "seconds": t_total, "bootstrap_ok": len(reps), "standard_errors": se,
        "intervals": intervals,
    }))


if __name__ == "__main__":
    main()
