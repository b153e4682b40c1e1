"""Writes `run-fixture1.wandb` with the real W&B SDK in offline mode (wandb 0.31.0 was used).

A short synthetic run: `train/loss`, `lr`, `tokens` every step 0..299, `val/loss` every 50
steps in the same row, a NaN `train/loss` at step 77, and a config with nested keys and one
70 KB string, so the run record spans three 32 KiB blocks (FIRST, MIDDLE, LAST chunks). System
stats, metadata, git and code saving are off so the file holds no details of this machine.

    cd Tests/RunIngestTests/Fixtures/wandb && python3 make_fixture.py
"""
import glob
import os
import shutil
import tempfile
import time

os.environ["WANDB_MODE"] = "offline"
os.environ["WANDB_SILENT"] = "true"
HERE = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix="scaletop-wandb-")
os.environ["WANDB_DIR"] = work

import wandb  # noqa: E402

settings = wandb.Settings(x_disable_stats=True, x_disable_meta=True, disable_git=True, save_code=False,
                          console="off", x_disable_machine_info=True)
config = {
    "n_params": 12_000_000,
    "batch_size": 32,
    "seq_len": 512,
    "lr": 3e-4,
    "model": {"n_layer": 4, "d_model": 256},
    "notes": "x" * 70_000,
}
run = wandb.init(project="scaletop-fixture", id="fixture1", config=config, settings=settings)
for step in range(300):
    row = {
        "train/loss": float("nan") if step == 77 else 2.5 + 6.0 / (step + 1) ** 0.4,
        "lr": 3e-4 * min(1.0, (step + 1) / 30),
        "tokens": step * 32 * 512,
    }
    if step % 50 == 0:
        row["val/loss"] = 2.6 + 6.0 / (step + 1) ** 0.4
    run.log(row, step=step)
run.finish()
wandb.teardown()  # wait for wandb-core to flush and close the file (it writes whole 32 KiB blocks)

(path,) = glob.glob(os.path.join(work, "wandb", "offline-run-*", "run-fixture1.wandb"))
size = -1
while size != os.path.getsize(path):  # and until the size settles
    size = os.path.getsize(path)
    time.sleep(1)
shutil.copyfile(path, os.path.join(HERE, "run-fixture1.wandb"))
print(sorted(os.listdir(os.path.dirname(path))), os.listdir(os.path.join(os.path.dirname(path), "files")))
shutil.rmtree(work)
