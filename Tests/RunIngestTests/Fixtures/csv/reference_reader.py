#!/usr/bin/env python3
"""Reference reader for the text-format tests: reads a real log with Python's own json, csv
and yaml modules and prints what it found as JSON, for the Swift tests to compare with.

usage: reference_reader.py KIND PATH
  hf-training | hf-evaluation   trainer_state.json -> [[step, loss], ...]
  jsonl                         LLaMA-Factory trainer_log.jsonl -> [[current_steps, loss], ...]
  lightning-training | lightning-validation   metrics.csv -> [[step, loss], ...]
  yaml                          hparams.yaml -> {key: str(value)}
Losses are printed as repr() strings (shortest round-trip text, "nan"/"inf" included), so
the Swift side reads them with Double(String) rather than a JSON reader's own rounding.
"""
import csv
import json
import sys


def number(v):
    return repr(float(v))


def main():
    kind, path = sys.argv[1], sys.argv[2]
    out = None
    if kind in ("hf-training", "hf-evaluation"):
        key = "loss" if kind == "hf-training" else "eval_loss"
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
        out = [[e["step"], number(e[key])] for e in state["log_history"]
               if "step" in e and isinstance(e.get(key), (int, float))]
    elif kind == "jsonl":
        out = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                e = json.loads(line)
                if isinstance(e.get("loss"), (int, float)):
                    out.append([e["current_steps"], number(e["loss"])])
    elif kind in ("lightning-training", "lightning-validation"):
        key = "train_loss_step" if kind == "lightning-training" else "val_loss"
        out = []
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row.get(key, "") != "":
                    out.append([int(float(row["step"])), number(float(row[key]))])
    elif kind == "yaml":
        import yaml
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        out = {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in data.items()}
    else:
        sys.exit(f"unknown kind {kind}")
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
