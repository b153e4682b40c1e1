"""Seeds for one fuzz target, written into a corpus folder (fuzz/run.sh calls this).

    python3 fuzz/seeds.py TARGET OUTDIR FILE...

Most targets take a whole file, so their seeds are the fixture files as they are. Two take
one record's bytes (the harness frames them itself, with valid checksums, so mutations reach
the decoder): `tfevents` gets every record of the TensorBoard fixtures, `wandb-records`
every record of the W&B fixture. `mlflow-db` gets a small copy of the MLflow fixture
database (pages of 512 bytes, a few metric rows), since libFuzzer mutates small inputs best.
"""
import hashlib
import os
import shutil
import sqlite3
import struct
import sys
import tempfile

target, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(out, exist_ok=True)


def save(data):
    with open(os.path.join(out, "seed-" + hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def tfrecords(data):
    i = 0
    while i + 12 <= len(data):
        (length,) = struct.unpack_from("<Q", data, i)
        if i + 16 + length > len(data):
            break
        yield data[i + 12:i + 12 + length]
        i += 16 + length


def wandb_records(data):
    block, i, record = 32768, 7, b""
    while i + 7 <= len(data):
        if block - i % block < 7:
            i += block - i % block
            continue
        length, kind = struct.unpack_from("<HB", data, i + 4)
        payload = data[i + 7:i + 7 + length]
        i += 7 + length
        record = payload if kind in (1, 2) else record + payload
        if kind in (1, 4):
            yield record


def small_database(path):
    work = tempfile.mkdtemp()
    copy = os.path.join(work, "mlflow.db")
    shutil.copyfile(path, copy)
    db = sqlite3.connect(copy)
    db.execute("DELETE FROM metrics WHERE rowid NOT IN (SELECT rowid FROM metrics ORDER BY rowid LIMIT 12)")
    for table, in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table not in ("runs", "metrics", "params", "tags", "experiments"):
            db.execute(f'DROP TABLE IF EXISTS "{table}"')
    db.commit()
    db.execute("PRAGMA page_size = 512")
    db.execute("VACUUM")
    db.close()
    with open(copy, "rb") as f:
        data = f.read()
    shutil.rmtree(work)
    return data


for name in files:
    with open(name, "rb") as f:
        data = f.read()
    if target == "tfevents":
        for record in tfrecords(data):
            save(record)
    elif target == "wandb-records":
        for record in wandb_records(data):
            if len(record) < 65536:
                save(record)
    else:
        save(data[:1 << 20])
if target == "mlflow-db":
    save(small_database("Tests/RunIngestTests/Fixtures/mlflow/mlflow.db"))
