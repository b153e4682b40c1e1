"""Reference reader for scaletop's `.wandb` tests: prints what a W&B transaction log holds,
as JSON, using W&B's own code where it is installed.

    python3 reference_wandb.py FILE.wandb --loss train/loss,loss --lr lr --tokens tokens \
        --flops flops --time _timestamp,time
    python3 reference_wandb.py --config-yaml files/config.yaml      (PyYAML)
    python3 reference_wandb.py --history-jsonl wandb-history.jsonl --loss KEY

Records are decoded with the SDK's protobuf classes (`wandb.proto.wandb_internal_pb2`, from
`pip install wandb`). The framing is read by the SDK's own `DataStore` when it can be
imported (`wandb.sdk.internal.datastore`, SDK < 0.20; or the file named by
SCALETOP_WANDB_DATASTORE, e.g. that file taken from a wandb 0.19 wheel), else by the
independent reader below (zlib's CRC-32). The output says which one was used. Exits with
status 3 when `wandb` (or, for --config-yaml, PyYAML) is not installed, so the Swift test can skip.
"""
import argparse
import importlib.util
import json
import math
import os
import struct
import sys
import zlib

try:
    import wandb
    from wandb.proto import wandb_internal_pb2 as pb
except ImportError as error:
    wandb = pb = None
    missing = error

BLOCK = 32768


def sdk_datastore():
    module = None
    try:
        from wandb.sdk.internal import datastore as module  # noqa: F401
    except ImportError:
        path = os.environ.get("SCALETOP_WANDB_DATASTORE")
        if path:
            spec = importlib.util.spec_from_file_location("wandb_datastore", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
    if module is not None:
        wandb._assert_is_internal_process = True  # DataStore refuses to run outside wandb's own process
    return module


def records_sdk(module, path):
    ds = module.DataStore()
    ds.open_for_scan(path)
    while True:
        data = ds.scan_data()
        if data is None:
            return
        yield data


def records_independent(path, failures):
    data = open(path, "rb").read()
    assert data[:7] == b":W&B\xe1\xbe\x00", "not a W&B file"
    pos, pending = 7, None
    while True:
        left = BLOCK - pos % BLOCK
        if left < 7:
            pos += left
            continue
        if pos + 7 > len(data):
            return
        crc, length, kind = struct.unpack("<IHB", data[pos:pos + 7])
        if crc == 0 and length == 0 and kind == 0:
            return
        payload = data[pos + 7:pos + 7 + length]
        if len(payload) < length:
            return
        if zlib.crc32(bytes([kind]) + payload) != crc:
            failures.append(pos)
            pos += left
            pending = None
            continue
        pos += 7 + length
        if kind == 1:
            yield payload
        elif kind == 2:
            pending = bytearray(payload)
        elif kind == 3 and pending is not None:
            pending += payload
        elif kind == 4 and pending is not None:
            pending += payload
            yield bytes(pending)
            pending = None


def exact(v):
    """A float as Python's shortest round-trip text, so the Swift side reads the same double
    (JSON number parsers differ in the last bit)."""
    return None if v is None else repr(float(v))


def number(value_json):
    try:
        v = json.loads(value_json)
    except ValueError:
        return None
    if isinstance(v, str) and v in ("NaN", "Infinity", "-Infinity"):
        return float(v.replace("Infinity", "inf"))
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return float(v)


def name(item):
    return item.key if item.key else ".".join(item.nested_key)


def flatten(value, key, out):
    if isinstance(value, dict):
        for k, v in value.items():
            flatten(v, f"{key}.{k}" if key else k, out)
    elif value is not None:
        out[key] = value


def config_yaml(path):
    """`files/config.yaml`: each key's `value` (modern `{value}` and legacy `{desc, value}`), flattened."""
    try:
        import yaml
    except ImportError:
        sys.exit(3)
    top = yaml.safe_load(open(path))
    config = {}
    for key, entry in top.items():
        if key in ("_wandb", "wandb_version"):
            continue
        flatten(entry["value"] if isinstance(entry, dict) and "value" in entry else entry, key, config)
    json.dump({"config": config}, sys.stdout)


def history_jsonl(path, keys):
    """Legacy `wandb-history.jsonl`: one JSON object per line; rows with the loss key become points."""
    points, problems = [], []
    for number, line in enumerate(open(path, encoding="utf-8"), start=1):
        row = json.loads(line)
        loss_key = next((k for k in keys["loss"] if k in row), None)
        if loss_key is None or not isinstance(row[loss_key], (int, float)):
            continue
        if not math.isfinite(row[loss_key]):
            problems.append({"record": number, "step": row["_step"], "key": loss_key})
            continue
        points.append({"record": number, "step": row["_step"], "loss": exact(row[loss_key]),
                       "time": exact(row.get("_timestamp"))})
    json.dump({"points": points, "problems": problems}, sys.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config-yaml", action="store_true", help="PATH is a files/config.yaml")
    parser.add_argument("--history-jsonl", action="store_true", help="PATH is a legacy wandb-history.jsonl")
    parser.add_argument("path")
    for option in ("loss", "lr", "tokens", "flops", "time"):
        parser.add_argument("--" + option, default="")
    args = parser.parse_args()
    keys = {o: [k for k in getattr(args, o).split(",") if k] for o in ("loss", "lr", "tokens", "flops", "time")}
    if args.config_yaml:
        return config_yaml(args.path)
    if args.history_jsonl:
        return history_jsonl(args.path, keys)

    if wandb is None:
        print(f"wandb is not installed: {missing}", file=sys.stderr)
        sys.exit(3)
    module = sdk_datastore()
    failures = []
    source = records_sdk(module, args.path) if module else records_independent(args.path, failures)
    points, problems, steps, config, counts = [], [], [], {}, {}
    number_of_records = 0
    for data in source:
        number_of_records += 1
        record = pb.Record()
        record.ParseFromString(data)
        kind = record.WhichOneof("record_type")
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "history":
            values = {name(item): item.value_json for item in record.history.item}
            if "_step" in values:
                steps.append(int(number(values["_step"])))
            loss_key = next((k for k in keys["loss"] if k in values), None)
            if loss_key is None:
                continue
            loss = number(values[loss_key])
            if loss is None:
                continue
            step = int(number(values["_step"])) if "_step" in values else record.history.step.num
            if not math.isfinite(loss):
                problems.append({"record": number_of_records, "step": step, "key": loss_key})
                continue

            def first(option):
                k = next((k for k in keys[option] if k in values), None)
                v = number(values[k]) if k is not None else None
                return v if v is not None and math.isfinite(v) else None

            points.append({"record": number_of_records, "step": step, "loss": exact(loss), "lr": exact(first("lr")),
                           "tokens": exact(first("tokens")), "flops": exact(first("flops")),
                           "time": exact(first("time"))})
        elif kind in ("config", "run"):
            update = record.config if kind == "config" else record.run.config
            for item in update.update:
                flatten(json.loads(item.value_json), name(item), config)
    config = {k: v for k, v in config.items() if k != "_wandb" and not k.startswith("_wandb.")}
    json.dump({"reader": "wandb DataStore" if module else "independent (zlib.crc32)", "wandb": wandb.__version__,
               "records": number_of_records, "crc_failures": len(failures), "counts": counts, "steps": steps,
               "points": points, "problems": problems, "config": config}, sys.stdout)


main()
