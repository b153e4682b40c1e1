"""Writes the MLflow fixtures with the real `mlflow` package (3.17.2 was used):

    mlruns/    a file store (MLFLOW_ALLOW_FILE_STORE=true is needed on MLflow >= 3.13)
    mlflow.db  a SQLite tracking store

Both hold the same two runs of a synthetic scaling study: `train/loss` (a nested key:
metrics/train/loss in the file store), `lr` and `tokens` every step, `val/loss` every
10 steps, params n_params, batch_size, seq_len, lr. Run `tiny` logs a NaN train/loss at
step 13. Timestamps are fixed so the files differ only in run ids between regenerations.

    cd Tests/RunIngestTests/Fixtures/mlflow && rm -rf mlruns mlflow.db && python3 make_fixtures.py
"""
import math
import os

os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
os.environ["MLFLOW_TRACKING_DISABLE_TELEMETRY"] = "true"
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"
import mlflow  # noqa: E402
from mlflow.entities import Metric  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = [
    # name, parameters, batch size, sequence length, steps
    ("tiny", 1_000_000, 8, 128, 30),
    ("small", 4_000_000, 16, 256, 25),
]
T0 = 1_700_000_000_000  # ms


def loss(n, step):
    return 2.0 + 400.0 / (n ** 0.3) + 5.0 / (step + 1) ** 0.5


def write(tracking_uri):
    client = MlflowClient(tracking_uri=tracking_uri)
    experiment_id = client.create_experiment("scaling-fixture")
    for name, n, batch, seq, steps in RUNS:
        run = client.create_run(experiment_id, run_name=name, start_time=T0)
        run_id = run.info.run_id
        for key, value in [("n_params", n), ("batch_size", batch), ("seq_len", seq), ("lr", 1e-3)]:
            client.log_param(run_id, key, value)
        for step in range(steps):
            ts = T0 + 1000 * step
            train = float("nan") if (name == "tiny" and step == 13) else loss(n, step)
            metrics = [
                Metric("train/loss", train, ts, step),
                Metric("lr", 1e-3 * min(1.0, (step + 1) / 10), ts, step),
                Metric("tokens", float(step * batch * seq), ts, step),
            ]
            if step % 10 == 0:
                metrics.append(Metric("val/loss", loss(n, step) + 0.05, ts, step))
            client.log_batch(run_id, metrics=metrics)
        client.set_terminated(run_id, "FINISHED", end_time=T0 + 1000 * steps)


write("file://" + os.path.join(HERE, "mlruns"))
write("sqlite:///" + os.path.join(HERE, "mlflow.db"))
