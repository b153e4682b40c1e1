#!/usr/bin/env python3
"""Write a large TensorBoard event file with tensorboardX (the real writer): one
`train/loss`, `train/lr` and `train/tokens` scalar per step. Usage: make_events.py DIR STEPS"""
import math
import sys

from tensorboardX import SummaryWriter

folder, steps = sys.argv[1], int(sys.argv[2])
writer = SummaryWriter(folder, flush_secs=3600, max_queue=100000)
for step in range(1, steps + 1):
    tokens = step * 524288
    writer.add_scalar("train/loss", 1.8 + 2000 / tokens ** 0.37, step)
    writer.add_scalar("train/lr", 3e-4 * (0.1 + 0.9 * (1 + math.cos(math.pi * step / steps)) / 2), step)
    writer.add_scalar("train/tokens", float(tokens), step)
writer.close()
