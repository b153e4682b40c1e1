#!/usr/bin/env python3
"""Rebuild sample-runs/ from ../shared/data (kept so the conversion can be checked and re-run).

olmo-ladder/<size>-<length>/metrics.jsonl   one line per checkpoint: step, tokens, flops, loss, lr
olmo-ladder/<size>-<length>/scaletop.json   N, tokens per step, planned tokens, FLOPs per token
porian-isoflop/isoflop_points.csv           final points per compute budget (a table for `scaletop fit`)
"""
import csv
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "data")

# From the OLMo-ladder PROVENANCE table (MODEL_PARAMS, MODEL_FLOPS in the ladder repo).
SIZES = {
    "190M": (190_354_176, 1_903_391_232),
    "370M": (371_262_464, 3_443_922_944),
    "760M": (758_220_288, 6_373_843_968),
    "1B": (1_279_395_840, 10_109_071_360),
    "3B": (3_169_537_280, 22_970_355_200),
}
LENGTHS = {"0.5xC": 0.5, "1xC": 1, "2xC": 2, "5xC": 5, "10xC": 10}
LOSS = "eval/c4_en-validation/CrossEntropyLoss"


def olmo():
    source = os.path.join(SHARED, "olmo-ladder", "ladder-runs")
    out_root = os.path.join(HERE, "olmo-ladder")
    for size, (params, flops_per_token) in SIZES.items():
        for length, multiple in LENGTHS.items():
            name = f"{size}-{length}"
            with open(os.path.join(source, name + ".csv"), newline="") as f:
                rows = list(csv.DictReader(f))
            run_dir = os.path.join(out_root, name)
            os.makedirs(run_dir, exist_ok=True)
            with open(os.path.join(run_dir, "metrics.jsonl"), "w") as out:
                for r in rows:
                    line = {
                        "step": int(r["_step"]),
                        "tokens": float(r["throughput/total_tokens"]),
                        "flops": float(r["throughput/total_training_Gflops"]) * 1e9,
                        "loss": float(r[LOSS]),
                        "lr": float(r["optim/learning_rate_group0"]),
                    }
                    out.write(json.dumps(line) + "\n")
            meta = {
                "parameters": params,
                "tokens_per_step": int(float(rows[0]["batch_size_in_tokens"])),
                # "xC" is a multiple of 20 tokens per parameter (the ladder repo's parse_length).
                "planned_tokens": multiple * 20 * params,
                "flops_per_token": flops_per_token,
                "learning_rate_peak": float(rows[0]["learning_rate_peak"]),
                "size": size,
                "length": length,
                "loss_metric": "C4 validation cross-entropy (nats/token)",
            }
            with open(os.path.join(run_dir, "scaletop.json"), "w") as out:
                json.dump(meta, out, indent=2)
                out.write("\n")


def porian():
    source = os.path.join(SHARED, "porian-isoflop", "porian_isoflop_runs.csv")
    target = os.path.join(HERE, "porian-isoflop", "isoflop_points.csv")
    shutil.copyfile(source, target)  # already a flat table: byte for byte


if __name__ == "__main__":
    if not os.path.isdir(SHARED):
        sys.exit(f"{SHARED} not found")
    olmo()
    porian()
