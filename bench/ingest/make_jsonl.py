#!/usr/bin/env python3
"""Write a large JSONL metrics file like a real training log: one line per step with step,
tokens, loss, lr and a few other keys loggers add. Usage: make_jsonl.py PATH LINES"""
import json
import math
import random
import sys

path, lines = sys.argv[1], int(sys.argv[2])
rng = random.Random(1)
with open(path, "w") as out:
    for step in range(1, lines + 1):
        tokens = step * 524288
        loss = 1.8 + 400 / 1.9e8 ** 0.34 + 2000 / tokens ** 0.37 + rng.gauss(0, 0.01)
        out.write(json.dumps({"step": step, "tokens": float(tokens), "loss": loss,
                              "lr": 3e-4 * min(1, step / 2000) * (0.1 + 0.9 * (1 + math.cos(math.pi * step / lines)) / 2),
                              "grad_norm": abs(rng.gauss(1, 0.2)), "epoch": step / lines,
                              "throughput/tps": 123456.7 + rng.random()}) + "\n")
