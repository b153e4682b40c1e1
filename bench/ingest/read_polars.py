#!/usr/bin/env python3
"""Reference reader: polars.read_ndjson (Rust, multi-threaded) on a JSONL file. Timed inside
the process, best of N calls, so Python's start-up and polars' import are not counted against
it. Prints the best call's wall seconds, its CPU seconds (all threads) and the rows read.
Usage: read_polars.py PATH N"""
import sys
import time

import polars

path, runs = sys.argv[1], int(sys.argv[2])
best = None
for _ in range(runs):
    wall0, cpu0 = time.perf_counter(), time.process_time()
    frame = polars.read_ndjson(path)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    if best is None or wall < best[0]:
        best = (wall, cpu, frame.height)
print(f"{best[0]:.6f} {best[1]:.6f} {best[2]}")
