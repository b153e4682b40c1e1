"""Writes a small scaling study with the real libraries, as a new user would, into ROOT:

    ROOT/tb/<name>/             tensorboardX SummaryWriter: train/loss, then add_hparams
                                (which writes the hparams session into a timestamped
                                sub-folder of the run's folder)
    ROOT/wandb/offline-run-*/   wandb offline: wandb.init(name=..., config=...), run.finish()
    ROOT/mlruns/                MLflow file store: run_name, params, end status
    ROOT/db/mlflow.db           MLflow SQLite store: the same

and prints, as JSON, what each run should read as: its writer, the name the writer gave it,
N, how many loss points, and its status in the dashboard's words (done: the writer says it
finished; stale: the writer says it failed; live: still running, written just now).

    python3 write_study.py ROOT [EXPECTED.json]   (tensorboardX 2.6.5, wandb 0.31.0, mlflow 3.17.2)

The expectations go to EXPECTED.json when given, else to standard output.

Losses follow L = 1.8 + 400/N^0.34 + 20/(step+1)^0.4, so every number is known here.
"""
import json
import os
import sys
import time

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
os.environ["MLFLOW_TRACKING_DISABLE_TELEMETRY"] = "true"
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"
os.environ["WANDB_MODE"] = "offline"
os.environ["WANDB_SILENT"] = "true"
os.environ["WANDB_DISABLE_GIT"] = "true"

ROOT = os.path.abspath(sys.argv[1])
STEPS = 40
os.makedirs(ROOT, exist_ok=True)
expected = []


def loss(n, step):
    return 1.8 + 400.0 / n ** 0.34 + 20.0 / (step + 1) ** 0.4


def hparams(n, steps=STEPS):
    return {"n_params": n, "batch_size": 16, "seq_len": 256, "max_steps": steps, "lr": 1e-3}


def tensorboard():
    from tensorboardX import SummaryWriter

    # Finished: hparams (and its session end) written after the last step, as people do.
    for name, n in (("run-a", 10_000_000), ("run-b", 40_000_000)):
        with SummaryWriter(logdir=os.path.join(ROOT, "tb", name)) as w:
            for step in range(STEPS):
                w.add_scalar("train/loss", loss(n, step), step)
            w.add_hparams(hparams(n), {"hparam/final_loss": loss(n, STEPS - 1)})
        expected.append({"writer": "tensorboardX", "name": f"tb/{name}", "parameters": n,
                         "points": STEPS, "status": "done"})
    # Half-way: hparams written at the start, training still going.
    n, name = 20_000_000, "run-c-running"
    with SummaryWriter(logdir=os.path.join(ROOT, "tb", name)) as w:
        w.add_hparams(hparams(n), {"hparam/final_loss": 0.0})
        time.sleep(1.2)  # the session's end time, then points after it
        for step in range(STEPS // 2):
            w.add_scalar("train/loss", loss(n, step), step)
    expected.append({"writer": "tensorboardX", "name": f"tb/{name}", "parameters": n,
                     "points": STEPS // 2, "status": "live"})


def wandb_runs():
    import wandb

    os.environ["WANDB_DIR"] = ROOT
    settings = wandb.Settings(x_disable_stats=True, x_disable_meta=True, disable_git=True, save_code=False,
                              console="off", x_disable_machine_info=True)
    for name, n, exit_code in (("wb-alpha", 15_000_000, 0), ("wb-beta", 60_000_000, 0), ("wb-gamma-crashed", 30_000_000, 1)):
        run = wandb.init(project="scaletop-study", name=name, config=hparams(n), settings=settings)
        steps = STEPS if exit_code == 0 else STEPS // 2
        for step in range(steps):
            run.log({"train/loss": loss(n, step)}, step=step)
        run.finish(exit_code=exit_code)
        expected.append({"writer": "wandb", "name": name, "parameters": n, "points": steps,
                         "status": "done" if exit_code == 0 else "stale"})
    wandb.teardown()


def mlflow_runs(uri, label):
    import mlflow
    from mlflow.entities import Metric
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=uri)
    experiment = client.create_experiment(f"study-{label}")
    for suffix, n, end in (("a", 5_000_000, "FINISHED"), ("b", 80_000_000, "FINISHED"), ("c-failed", 25_000_000, "FAILED"),
                           ("d-running", 50_000_000, None)):
        name = f"{label}-{suffix}"
        run = client.create_run(experiment, run_name=name)
        for key, value in hparams(n).items():
            client.log_param(run.info.run_id, key, value)
        steps = STEPS if end == "FINISHED" else STEPS // 2
        now = int(time.time() * 1000)
        client.log_batch(run.info.run_id, metrics=[Metric("train/loss", loss(n, s), now + s, s) for s in range(steps)])
        if end:
            client.set_terminated(run.info.run_id, end)
        status = {"FINISHED": "done", "FAILED": "stale", None: "live"}[end]
        expected.append({"writer": f"mlflow ({label})", "name": name, "parameters": n, "points": steps,
                         "status": status})


tensorboard()
wandb_runs()
mlflow_runs("file://" + os.path.join(ROOT, "mlruns"), "filestore")
os.makedirs(os.path.join(ROOT, "db"), exist_ok=True)
mlflow_runs("sqlite:///" + os.path.join(ROOT, "db", "mlflow.db"), "sqlite")
if len(sys.argv) > 2:
    with open(sys.argv[2], "w") as f:
        json.dump({"runs": expected}, f, indent=1)
else:
    json.dump({"runs": expected}, sys.stdout, indent=1)
    print()
