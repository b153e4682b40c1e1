#!/usr/bin/env python3
"""Reference reader: TensorBoard's Rust data server (the `tensorboard-data-server` package,
what `tensorboard` starts to read event files), loading a log folder once with every scalar
kept (`--samples-per-plugin scalars=all`; by default it keeps a random 1,000 per tag, which
is not what scaletop does). The server runs standalone with `--reload once` and reports
"Finished load cycle (S)" on its log once it has read every event file; that S, the time
it spent loading (its own start-up not counted), best of N, is printed with the CPU seconds
the best run's server used in all (its idle wait after loading costs none).
Usage: data_server_load.py LOGDIR N"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from tensorboard_data_server import server_binary

logdir, runs = sys.argv[1], int(sys.argv[2])
binary = server_binary()
if binary is None:
    sys.exit("data_server_load.py: tensorboard-data-server ships no binary for this platform")
finished = re.compile(rb"Finished load cycle \(([0-9.]+)(m?s)\)")
best = None
for _ in range(runs):
    with tempfile.TemporaryDirectory() as scratch:
        server = subprocess.Popen([binary, "--logdir", logdir, "--reload", "once", "--port", "0",
                                   "--port-file", os.path.join(scratch, "port"),
                                   "--samples-per-plugin", "scalars=all", "-v"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seconds = None
        deadline = time.monotonic() + 600
        for line in server.stderr:
            match = finished.search(line)
            if match:
                seconds = float(match.group(1)) / (1000 if match.group(2) == b"ms" else 1)
                break
            if time.monotonic() > deadline:
                break
        server.send_signal(signal.SIGTERM)
        _, _, usage = os.wait4(server.pid, 0)
        if seconds is None:
            sys.exit("data_server_load.py: the server never reported a finished load cycle")
        if best is None or seconds < best[0]:
            best = (seconds, usage.ru_utime + usage.ru_stime)
print(f"{best[0]:.6f} {best[1]:.6f}")
