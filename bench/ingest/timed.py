#!/usr/bin/env python3
"""Best of N runs of a command: prints its wall seconds and the CPU seconds (user + system,
all threads) of that run. Usage: timed.py N COMMAND ARG..."""
import os
import subprocess
import sys
import time

runs, command = int(sys.argv[1]), sys.argv[2:]
best = None
for _ in range(runs):
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"timed.py: {command[0]} failed")
    if best is None or wall < best[0]:
        best = (wall, usage.ru_utime + usage.ru_stime)
print(f"{best[0]:.6f} {best[1]:.6f}")
