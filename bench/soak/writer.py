"""The soak benchmark's training jobs: RUNS runs appending JSONL lines at RATE lines/s in
total for SECONDS, with (when --churn) the things real jobs do to their logs: a restart
from an earlier checkpoint into the same file (steps rewind), a restart that truncates the
file and writes from its checkpoint, logrotate-style rotation (NAME.1 → NAME.2, NAME →
NAME.1, a new NAME), and deletion followed by a new file. Writes TRUTH as JSON: per run,
the points a fresh read of its files holds (scaletop's documented rule: rotated copies
first, oldest first; a step at or before the last replaces the points from it on), and
how many lines were written.

    python3 writer.py ROOT RUNS RATE SECONDS TRUTH.json [--churn]
"""
import json
import os
import random
import resource
import sys
import time

root, runs, rate, seconds, truth_path = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
churn = "--churn" in sys.argv
random.seed(12)
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, runs + 256)), hard))


class Run:
    def __init__(self, i):
        self.folder = os.path.join(root, f"r{i:05d}")
        os.makedirs(self.folder, exist_ok=True)
        self.path = os.path.join(self.folder, "metrics.jsonl")
        self.step = 0
        self.parts = [[]]          # steps per file, oldest first; the last is the live file
        self.fd = None
        self.lines = 0

    def open(self, truncate=False):
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if truncate else 0)
        self.fd = os.open(self.path, flags, 0o644)

    def write(self):
        if self.fd is None:
            self.open()
        loss = 2.0 + 8.0 / (self.step + 1) ** 0.3
        os.write(self.fd, b'{"step": %d, "loss": %.6f}\n' % (self.step, loss))
        self.parts[-1].append(self.step)
        self.step += 1
        self.lines += 1

    def restart_in_place(self):
        # A resumed job appends from its last checkpoint: the steps rewind.
        self.step = max(0, self.step - random.randint(10, 200))

    def restart_truncating(self):
        # A resumed job opening its log with "w": the file restarts at the checkpoint.
        os.close(self.fd)
        self.step = max(0, self.step - random.randint(10, 200))
        self.open(truncate=True)
        self.parts[-1] = []

    def rotate(self):
        os.close(self.fd)
        older = self.path + ".2"
        if os.path.exists(self.path + ".2"):
            os.unlink(older)
            self.parts.pop(0)
        if os.path.exists(self.path + ".1"):
            os.rename(self.path + ".1", older)
        os.rename(self.path, self.path + ".1")
        self.parts.append([])
        self.open()

    def delete_and_recreate(self):
        os.close(self.fd)
        os.unlink(self.path)
        self.parts[-1] = []
        self.open()
        self.write()                 # the new job logs at once

    def truth(self):
        points = []
        for part in self.parts:
            for step in part:
                while points and points[-1] >= step:
                    points.pop()
                points.append(step)
        return len(points)


all_runs = [Run(i) for i in range(runs)]
start = time.monotonic()
written = 0
events = {"restart": 0, "truncate": 0, "rotate": 0, "delete": 0}
next_event = start + 0.5
cursor = 0
while True:
    now = time.monotonic()
    if now - start >= seconds:
        break
    due = int(rate * (now - start)) - written
    for _ in range(min(due, runs * 4)):
        all_runs[cursor].write()
        cursor = (cursor + 1) % runs
        written += 1
    if churn and now >= next_event:
        run = random.choice(all_runs)
        if run.fd is not None:
            kind = random.choice(["restart", "restart", "truncate", "rotate", "rotate", "delete"])
            {"restart": run.restart_in_place, "truncate": run.restart_truncating, "rotate": run.rotate,
             "delete": run.delete_and_recreate}[kind]()
            events[kind] += 1
            written += 1 if kind == "delete" else 0
        next_event = now + 0.5
    if due <= 0:
        time.sleep(0.002)
# Every run ends with a line in its live file, so no deletion is left pending.
for run in all_runs:
    run.write()
    written += 1
    os.close(run.fd)
elapsed = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
with open(truth_path, "w") as f:
    json.dump({"runs": {os.path.relpath(r.path, root): r.truth() for r in all_runs},
               "points": sum(r.truth() for r in all_runs), "lines": written, "seconds": elapsed,
               "events": events, "cpu_seconds": usage.ru_utime + usage.ru_stime}, f)
