"""Reference reader for scaletop's MLflow tests: prints every run of a tracking store as
JSON, read by MLflow itself (`pip install mlflow`; 3.17.2 was used).

    python3 reference_mlflow.py PATH/mlruns     # file store
    python3 reference_mlflow.py PATH/mlflow.db  # SQLite store

MLflow writes when it opens a store (the file store makes `.trash/`, the SQLite store runs
its schema migrations), so the store is copied to a temporary folder first and the
original is never touched. Empty `params/` and `artifacts/` folders are added to the copy
where missing (MLflow requires them; git cannot store an empty folder). Exits with status 3 when mlflow is not installed.
"""
import json
import os
import shutil
import sys
import tempfile

os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
os.environ["MLFLOW_DISABLE_TELEMETRY"] = "true"
os.environ["DO_NOT_TRACK"] = "true"
try:
    import logging

    logging.disable(logging.WARNING)
    import mlflow
    from mlflow.tracking import MlflowClient
except ImportError as error:
    print(f"mlflow is not installed: {error}", file=sys.stderr)
    sys.exit(3)


def exact(v):
    """A float as Python's shortest round-trip text (`nan`, `inf` included), so the Swift side
    reads the same double (JSON number parsers differ in the last bit)."""
    return repr(float(v))


def main():
    source = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="scaletop-mlflow-")
    try:
        if os.path.isdir(source):
            copy = os.path.join(work, "mlruns")
            shutil.copytree(source, copy)
            os.chmod(copy, 0o755)
            for root, dirs, files in os.walk(copy):
                for d in dirs:
                    os.chmod(os.path.join(root, d), 0o755)
                for f in files:
                    os.chmod(os.path.join(root, f), 0o644)
            # MLflow only accepts a run folder with metrics/, params/ and artifacts/; git keeps
            # no empty folders and the shared sample omits artifacts, so add the empty ones.
            for root, dirs, files in os.walk(copy):
                if "meta.yaml" in files and "metrics" in dirs:
                    for sub in ("params", "artifacts"):
                        os.makedirs(os.path.join(root, sub), exist_ok=True)
            uri = "file://" + copy
        else:
            copy = os.path.join(work, "mlflow.db")
            shutil.copyfile(source, copy)
            uri = "sqlite:///" + copy
        client = MlflowClient(tracking_uri=uri)
        runs = []
        for experiment in client.search_experiments():
            for run in client.search_runs([experiment.experiment_id]):
                metrics = {}
                for key in run.data.metrics:
                    history = client.get_metric_history(run.info.run_id, key)
                    metrics[key] = [[m.timestamp, exact(m.value), m.step] for m in history]
                runs.append({"run_id": run.info.run_id, "experiment": experiment.name,
                             "name": run.info.run_name, "status": run.info.status,
                             "params": run.data.params, "metrics": metrics})
        json.dump({"mlflow": mlflow.__version__, "runs": runs}, sys.stdout)
    finally:
        shutil.rmtree(work)


main()
