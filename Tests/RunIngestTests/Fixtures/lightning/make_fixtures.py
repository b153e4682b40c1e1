#!/usr/bin/env python3
"""Writes Lightning CSVLogger fixtures the way lightning.fabric.loggers.csv_logs does
(>= 2.1): rows through csv.DictWriter with the sorted union of keys as header; when a key
first appears (val_loss at the first validation) the whole file is re-read and rewritten with
the new header. metrics_before_rewrite.csv is the file just before that flush, metrics.csv
after it. Run from this folder: python3 make_fixtures.py"""
import csv


def write(path, rows):
    keys = sorted({k for r in rows for k in r})
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(rows)


train = [{"epoch": 0, "step": s, "train_loss_step": 6.0 - 0.01 * s, "lr-AdamW": 1e-3} for s in range(49, 300, 50)]
write("metrics_before_rewrite.csv", train)
val = [{"epoch": 0, "step": 299, "val_loss": 4.75}, {"epoch": 0, "step": 299, "train_loss_epoch": 5.0}]
more = [{"epoch": 1, "step": s, "train_loss_step": 6.0 - 0.01 * s, "lr-AdamW": 5e-4} for s in range(349, 500, 50)]
more.append({"epoch": 1, "step": 499, "train_loss_step": float("nan"), "lr-AdamW": 5e-4})
write("metrics.csv", train + val + more)

with open("hparams.yaml", "w") as f:
    f.write("batch_size: 32\nmax_seq_len: 128\naccumulate_grad_batches: 2\nn_params: 85000000\n"
            "optimizer:\n  name: AdamW\n  lr: 0.0003\nuse_flash: true\n")
