#!/usr/bin/env python3
"""Synthetic loss curves for the forecast benchmark (issue #13), written as runs scaletop reads.

Curves come from two published learning-curve laws, neither of which is exactly the law the
forecaster fits (a Tissue-style law with a grid over the decay's memory, methods.md §5.1):

- ``tissue``: the LR-annealing law of Tissue et al. 2024 (arXiv 2408.11029),
  L = L0 + A·S1^(-alpha) - C·S2, with the momentum form of S2 (methods.md §5.1, marked [U]).
- ``multipower``: the multi-power law of Luo et al. 2025 (arXiv 2503.12811, abstract and
  secondary summaries [S]):
  L(t) = L0 + A·(S1(t) + S_W)^(-alpha) - LD(t), LD(t) = B·sum_k (eta_{k-1} - eta_k)·G(eta_k^(-gamma)·S_k(t)),
  S_k(t) = sum_{tau=k..t} eta_tau, G(x) = 1 - (C·x + 1)^(-beta).

methods.md §5.1 lists no third form that models the learning-rate schedule (Kaplan's and Su
et al.'s step laws and the plain power law in t do not), so no third law is used here.

Sets (``--set``), each a law and a seed; the seed alone separates tuning from held-out curves:

| set                 | law        | seed  | role                                                  |
|---------------------|------------|-------|-------------------------------------------------------|
| tune-tissue         | tissue     | 13    | tuning (bench/forecast/tune.py chooses constants on it) |
| tune-multipower     | multipower | 31337 | tuning                                                |
| heldout-tissue      | tissue     | 30193 | held-out: make bench's target rows; nothing chosen on it |
| heldout-multipower  | multipower | 16248 | held-out: make bench's target rows; nothing chosen on it |
| retired-tissue      | tissue     | 60217 | looked at, retired: neither held out nor tuned on     |
| retired-multipower  | multipower | 81799 | looked at, retired: neither held out nor tuned on     |
| retired-tissue-2    | tissue     | 90437 | looked at, retired: neither held out nor tuned on     |
| retired-multipower-2| multipower | 52981 | looked at, retired: neither held out nor tuned on     |
| retired-tissue-3    | tissue     | 58207 | looked at, retired: neither held out nor tuned on     |
| retired-multipower-3| multipower | 70913 | looked at, retired: neither held out nor tuned on     |
| retired-tissue-4    | tissue     | 25883 | looked at, retired: neither held out nor tuned on     |
| retired-multipower-4| multipower | 90376 | looked at, retired: neither held out nor tuned on     |

Why seed 31337 is a tuning set: until issue #13's third round it was the held-out set
(``--set score``), but its coverage was read several times while constants were chosen and
compared (the first tuning round's held-out numbers, 91.0% constant at 25% and 69.5% cosine at
50%, are what prompted pooling both laws into the tuning set). A set that has steered a choice
is no longer held out, so it joined the tuning pool, and the two held-out seeds were drawn
fresh (60217, 81799: not used anywhere in this repository before) when the pooled tuning run
was declared, before any of their curves was generated or forecast.

Why 60217 and 81799 are retired (issue #13's fourth round): their coverage was read once, in
the third round's held-out run, and showed that round's rule had chosen constants already out
of range on the tuning curves (tune.py's rule v3 says how). Having been looked at, they are
no longer held out; they were not added to the tuning pool either, so the fourth round's
choice stays the one made from the third round's recorded tuning numbers (seeds 13 and
31337). The held-out seeds 90437 (Tissue) and 52981 (multi-power) were drawn fresh (used
nowhere in this repository or its history before) and committed before any of their curves
was generated or forecast.

Why 90437 and 52981 are retired (issue #13's fifth round): they were the fourth round's
held-out seeds, scored once (28 of 30 synthetic cells in 70–90%; TUNING.md), and that result
is part of why the decay's discrepancy was made to depend on the planned decay's length
(tune.py's rule v4). Looked at, they are neither held out nor tuned on. The fifth round's
held-out seeds, 58207 (Tissue) and 70913 (multi-power), appear nowhere in this repository or
its history (checked with `git log --all -S` and grep), and were committed after rule v4's
constants were committed and before any of their curves was generated or forecast.

Why 58207 and 70913 are retired (issue #13's seventh round): they were scored once, in the
fifth round's held-out run, and the method changed since (tune.py's rule v6: the noise of one
logged loss from the latest residuals, the cells weighed against the noise plus a share of
the misfit). The seventh round's held-out seeds, 25883 (Tissue) and 90376 (multi-power), were
drawn with Python's `secrets`, appear nowhere in this repository or its history (`git log
--all -S` and grep), and were committed with rule v6's chosen constant, before any of their
curves was generated or forecast.

Why 25883 and 90376 are retired (the seventh round's second pass): they were scored once, with
rule v6's formula, which a code review then found passed the noise's successive-difference
part instead of the variance of one logged loss (tune.py's rule v7). The method changed, so
they retire; the held-out seeds 30193 (Tissue) and 16248 (multi-power), drawn with `secrets`
and found nowhere in this repository or its history, were committed with rule v7's choice
before any of their curves was generated or forecast.

Parameter draws are the same for tuning and held-out curves of a law (only the seed differs):
the held-out sets measure calibration on new curves from the distributions tuned on, per law,
rather than an extrapolation to ranges nobody has argued are more realistic. The constants
are not published fits (neither paper's tables were available here): they are drawn from
ranges that give curves like real LM runs (loss 2-4 nats, a cooldown drop of 0.03-0.2 nats,
eval-like or train-like noise). All sets cover five schedule families (constant, cosine, WSD
with a 1-sqrt cooldown, WSD with a linear cooldown, two-stage step) at three model sizes. Each
run is a folder with ``metrics.jsonl`` (step, loss, lr) and ``scaletop.json`` (N, planned
steps and the planned schedule, as the README's sidecar documents it).

usage: make_curves.py OUT_DIR --set SET [--per-family N] [--seed S] [--no-schedule]
"""
import argparse
import json
import math
import os

import numpy as np

FAMILIES = ["constant", "cosine", "wsd", "wsd-linear", "step"]
SIZES = {"small": 1.2e8, "medium": 4.0e8, "large": 1.3e9}
# set -> (law, seed); see the docstring for which are tuning and which held-out, and why.
SETS = {
    "tune-tissue": ("tissue", 13),
    "tune-multipower": ("multipower", 31337),
    "heldout-tissue": ("tissue", 30193),
    "heldout-multipower": ("multipower", 16248),
    "retired-tissue": ("tissue", 60217),  # looked at once (round 3's held-out run): not used
    "retired-multipower": ("multipower", 81799),
    "retired-tissue-2": ("tissue", 90437),  # looked at once (round 4's held-out run): not used
    "retired-multipower-2": ("multipower", 52981),
    "retired-tissue-3": ("tissue", 58207),  # looked at once (round 5's held-out run): not used
    "retired-multipower-3": ("multipower", 70913),
    "retired-tissue-4": ("tissue", 25883),  # looked at once (round 7's first held-out run): not used
    "retired-multipower-4": ("multipower", 90376),
}


def schedule(family, steps, rng):
    """The learning rate at every step 1..steps and the sidecar fields that plan it."""
    peak = float(rng.uniform(2e-4, 1.2e-3))
    warmup = int(steps * rng.uniform(0.01, 0.04))
    t = np.arange(1, steps + 1, dtype=float)
    eta = np.full(steps, peak)
    eta[:warmup] = peak * t[:warmup] / warmup
    fields = {"lr_schedule": family, "warmup_steps": warmup, "learning_rate": peak}
    after = t > warmup
    if family == "cosine":
        floor = float(rng.choice([0.0, 0.1]))
        u = (t - warmup) / (steps - warmup)
        eta[after] = peak * (floor + (1 - floor) * 0.5 * (1 + np.cos(np.pi * u[after])))
        fields["final_lr_ratio"] = floor
    elif family in ("wsd", "wsd-linear"):
        start = int(steps * rng.uniform(0.7, 0.9))
        floor = 0.0
        u = np.clip((t - start) / (steps - start), 0, 1)
        shape = 1 - np.sqrt(u) if family == "wsd" else 1 - u
        decay = t > start
        eta[decay] = peak * (floor + (1 - floor) * shape[decay])
        fields.update({"lr_schedule": "wsd", "cooldown_start": start,
                       "cooldown_shape": "1-sqrt" if family == "wsd" else "linear", "final_lr_ratio": floor})
    elif family == "step":
        at = int(steps * rng.uniform(0.5, 0.85))
        factor = float(rng.choice([0.1, 0.3]))
        eta[t > at] = peak * factor
        fields.update({"step_milestones": str(at), "step_factor": factor})
    return eta, fields


def tissue_curve(eta, rng, size):
    """Tissue et al.'s law with the momentum S2, parameters drawn per curve."""
    steps = len(eta)
    lam = 1 - 1 / (steps * rng.uniform(0.01, 0.1))
    drops = np.maximum(0, np.concatenate([[0.0], eta[:-1] - eta[1:]]))
    m = np.zeros(steps)
    acc = 0.0
    for i in range(steps):
        acc = lam * acc + drops[i]
        m[i] = acc
    s1 = np.cumsum(eta)
    s2 = np.cumsum(m)
    alpha = rng.uniform(0.3, 0.7)
    l0 = rng.uniform(2.3, 3.3) - 0.25 * math.log10(SIZES[size] / 1.2e8)
    reducible = math.exp(rng.uniform(math.log(0.3), math.log(1.1)))
    a = reducible * s1[steps // 10] ** alpha
    # The full anneal's drop: C times S2's long-run value per unit of LR drop, 1/(1 - lambda).
    drop = math.exp(rng.uniform(math.log(0.03), math.log(0.2)))
    c = drop / (eta.max() / (1 - lam))
    return l0 + a * s1 ** -alpha - c * s2


def multipower_curve(eta, rng, size, warmup, at):
    """Luo et al.'s multi-power law, parameters drawn per curve (ranges of its own, not tissue_curve's)."""
    steps = len(eta)
    peak = eta.max()
    s_w = eta[:warmup].sum()
    post = eta.copy()
    post[:warmup] = peak
    s1 = np.cumsum(post[warmup:]) if warmup < steps else np.zeros(0)
    alpha = rng.uniform(0.35, 0.65)
    beta = rng.uniform(0.4, 0.7)
    gamma = rng.uniform(0.4, 0.7)
    cc = math.exp(rng.uniform(math.log(0.5), math.log(4.0)))
    l0 = rng.uniform(2.4, 3.2) - 0.2 * math.log10(SIZES[size] / 1.2e8)
    reducible = math.exp(rng.uniform(math.log(0.35), math.log(1.0)))
    full = np.concatenate([np.zeros(warmup), s1])
    a = reducible * (full[steps // 10] + s_w) ** alpha
    drop = math.exp(rng.uniform(math.log(0.035), math.log(0.18)))
    b = drop / peak
    # LD(t) = B·sum_k d_k·G(eta_k^-gamma·S_k(t)) with S_k(t) = cum(t) - cum(k-1).
    d = np.concatenate([[0.0], post[:-1] - post[1:]])
    d[:warmup + 1] = 0
    k = np.nonzero(d > 0)[0]
    cum = np.cumsum(post)
    loss = np.empty(steps)
    for t in at - 1:
        ks = k[k <= t]
        if len(ks):
            sk = cum[t] - cum[ks - 1]
            # At eta = 0 (the end of a decay to zero) G is 1: floor eta to keep the power finite.
            g = 1 - (cc * np.maximum(eta[ks], 1e-6 * peak) ** -gamma * sk + 1) ** -beta
            ld = b * np.sum(d[ks] * g)
        else:
            ld = 0.0
        loss[t] = l0 + a * (full[t] + s_w) ** -alpha - ld
    return loss


def noise(n, rng):
    """White (eval-like) or AR(1) (train-like) noise, with its scale drawn per curve."""
    sigma = math.exp(rng.uniform(math.log(0.002), math.log(0.025)))
    white = rng.normal(0, sigma, n)
    if rng.uniform() < 0.4:
        rho = rng.uniform(0.3, 0.8)
        out = np.empty(n)
        out[0] = white[0]
        for i in range(1, n):
            out[i] = rho * out[i - 1] + math.sqrt(1 - rho * rho) * white[i]
        return out
    return white


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--set", choices=list(SETS), required=True)
    ap.add_argument("--per-family", type=int, default=256, help="curves per schedule family (split over 3 sizes)")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--no-schedule", action="store_true", help="leave the planned schedule out of the sidecar")
    args = ap.parse_args()
    law, seed = SETS[args.set]
    if args.seed is not None:
        seed = args.seed
    rng = np.random.default_rng(seed)
    os.makedirs(args.out, exist_ok=True)
    for family in FAMILIES:
        for i in range(args.per_family):
            size = list(SIZES)[i % 3]
            steps = int(rng.integers(3000, 12000))
            eta, fields = schedule(family, steps, rng)
            warmup = fields["warmup_steps"]
            every = max(1, steps // int(rng.integers(60, 300)))
            logged = np.arange(every, steps + 1, every)
            if logged[-1] != steps:
                logged = np.append(logged, steps)
            clean = tissue_curve(eta, rng, size) if law == "tissue" else multipower_curve(eta, rng, size, warmup, logged)
            loss = clean[logged - 1] + noise(len(logged), rng)
            name = f"{family}-{size}-{i // 3:02d}"
            folder = os.path.join(args.out, name)
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "metrics.jsonl"), "w") as f:
                for s, l in zip(logged, loss):
                    f.write(json.dumps({"step": int(s), "loss": round(float(l), 6), "lr": float(eta[s - 1])}) + "\n")
            sidecar = {"parameters": SIZES[size], "planned_steps": steps, "family": family}
            if not args.no_schedule:
                sidecar.update(fields)
            with open(os.path.join(folder, "scaletop.json"), "w") as f:
                json.dump(sidecar, f)


if __name__ == "__main__":
    main()
